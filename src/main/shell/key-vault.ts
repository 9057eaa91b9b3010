/**
 * The desktop app's key vault for re-run providers: API keys are encrypted with Electron's
 * safeStorage (the OS keychain / DPAPI / libsecret) before they are written to providers.json
 * beside the library, and decrypted only in the main process when a call is sent.
 */
import { safeStorage } from 'electron'
import { ApiError } from '../../shared/api'
import type { KeyVault } from '../core/rerun/provider-store'

export function safeStorageVault(): KeyVault {
  return {
    scheme: 'safeStorage',
    seal(key) {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new ApiError(
          'bad-request',
          "This system offers no encrypted storage for the key (no keychain or secret service); set the provider's environment variable (e.g. OPENAI_API_KEY) before starting tracedeck instead",
        )
      }
      return safeStorage.encryptString(key).toString('base64')
    },
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  }
}
