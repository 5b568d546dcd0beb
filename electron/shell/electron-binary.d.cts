export type ElectronBinary = { readonly installed: true; readonly path: string } | { readonly installed: false; readonly reason: string };
export declare function findElectronBinary(projectDir: string, env?: NodeJS.ProcessEnv): ElectronBinary;
