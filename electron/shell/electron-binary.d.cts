export type ElectronBinary =
  | { readonly installed: true; readonly path: string }
  | { readonly installed: false; readonly reason: string; readonly packageMissing?: true };
export type InstallOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };
export declare function findElectronBinary(projectDir: string, env?: NodeJS.ProcessEnv): ElectronBinary;
export declare function installerReason(stderr: string): string;
export declare function runElectronInstaller(
  projectDir: string,
  opts?: { env?: NodeJS.ProcessEnv; timeoutMs?: number; output?: (s: string) => void },
): Promise<InstallOutcome>;
export declare function prepareElectron(
  projectDir: string,
  opts?: {
    env?: NodeJS.ProcessEnv;
    find?: (projectDir: string, env?: NodeJS.ProcessEnv) => ElectronBinary;
    install?: (projectDir: string) => Promise<InstallOutcome>;
    log?: (s: string) => void;
  },
): Promise<{ readonly desktop: true; readonly path: string } | { readonly desktop: false; readonly reason: string }>;
