// preload (to be written)
export {}
