// import worker entry (to be written)
export {}
