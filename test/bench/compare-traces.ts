/**
 * Generated agent traces for the comparison benchmark: a root agent running turns of planning
 * LLM calls, tool calls (with nested HTTP spans), retrievals, retries and sub-agents — many
 * repeated names, as real loops have. `mutate` applies a number of differences to a copy.
 */
import type { SpanKind } from '../../src/shared/model'
import type { SpanLike } from '../../src/shared/compare/side-builder'

interface Node {
  span: Omit<SpanLike, 'parentIndex'>
  children: Node[]
}

/** Small deterministic PRNG (mulberry32) so both runs of the benchmark see the same traces. */
export function rng(seed: number): () => number {
  let t = seed >>> 0
  return () => {
    t = (t + 0x6d2b79f5) >>> 0
    let x = Math.imul(t ^ (t >>> 15), 1 | t)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

const TOOLS = [
  'search_web',
  'read_file',
  'write_file',
  'run_tests',
  'grep',
  'list_dir',
  'fetch_url',
  'calculator',
  'sql_query',
  'send_email',
  'get_weather',
  'translate',
]

function leaf(name: string, kind: SpanKind, tag: string, rand: () => number): Node {
  return {
    span: {
      name,
      kind,
      duration: Math.round(1000 + rand() * 2_000_000),
      inputHash: `in:${name}:${tag}`,
      outputHash: `out:${name}:${tag}`,
      model: kind === 'llm' ? 'gpt-4o' : null,
      inputTokens: kind === 'llm' ? Math.round(200 + rand() * 4000) : null,
      outputTokens: kind === 'llm' ? Math.round(20 + rand() * 600) : null,
      cost: kind === 'llm' ? rand() * 0.01 : null,
    },
    children: [],
  }
}

/** A tree of about `target` spans. */
export function agentTree(target: number, seed: number): Node {
  const rand = rng(seed)
  const root = leaf('agent run', 'agent', 'root', rand)
  let count = 1
  for (let turn = 0; count < target; turn++) {
    const step = leaf('step', 'chain', `${turn}`, rand)
    root.children.push(step)
    count++
    step.children.push(leaf('plan', 'llm', `${turn}`, rand))
    count++
    const calls = 1 + Math.floor(rand() * 4)
    for (let c = 0; c < calls && count < target; c++) {
      const tool = TOOLS[Math.floor(rand() * TOOLS.length)]
      const t = leaf(tool, 'tool', `${turn}.${c}`, rand)
      if (rand() < 0.5) {
        t.children.push(leaf('http request', 'span', `${turn}.${c}`, rand))
        count++
      }
      step.children.push(t)
      count++
    }
    if (rand() < 0.2) {
      const sub = leaf('researcher', 'agent', `${turn}`, rand)
      sub.children.push(
        leaf('retrieve', 'retriever', `${turn}`, rand),
        leaf('summarise', 'llm', `${turn}`, rand),
      )
      step.children.push(sub)
      count += 3
    }
    step.children.push(leaf('reflect', 'llm', `${turn}`, rand))
    count++
  }
  return root
}

/** Flattens a tree to step order. */
export function flatten(root: Node): SpanLike[] {
  const out: SpanLike[] = []
  const stack: [Node, number][] = [[root, -1]]
  while (stack.length) {
    const [node, parent] = stack.pop()!
    const index = out.length
    out.push({ ...node.span, parentIndex: parent })
    for (let c = node.children.length - 1; c >= 0; c--) stack.push([node.children[c], index])
  }
  return out
}

/** A copy of the tree with `changes` differences: changed outputs, inserted and removed leaves. */
export function mutate(root: Node, changes: number, seed: number): Node {
  const rand = rng(seed)
  const copy = (n: Node): Node => ({ span: { ...n.span }, children: n.children.map(copy) })
  const out = copy(root)
  const steps = out.children
  for (let k = 0; k < changes; k++) {
    const step = steps[Math.floor(rand() * steps.length)]
    const at = Math.floor(rand() * step.children.length)
    const what = k % 3
    if (what === 0) step.children[at].span.outputHash += ':changed'
    else if (what === 1)
      step.children.splice(
        at,
        0,
        leaf(TOOLS[Math.floor(rand() * TOOLS.length)], 'tool', `new${k}`, rand),
      )
    else if (step.children.length > 1) step.children.splice(at, 1)
  }
  return out
}
