/** Made at build time from the contract by electron.vite.config.ts's `contractMethodNames` plugin. */
declare module 'virtual:contract-method-names' {
  const methodNames: readonly string[];
  export default methodNames;
}
