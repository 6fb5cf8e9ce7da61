// Types of scripts/build-lib.mjs for the TypeScript that imports it (test/build.test.ts).
export declare const ROOT: string;
export declare const SERVER_BUNDLE: string;
export declare function writeStamp(name: string, inputs: string[], startedAt: number, root?: string): void;
export declare function staleReason(name: string, output: string, root?: string): string | null;
export declare function serverStale(): string | null;
export declare function webStale(): string | null;
export declare function buildServer(): Promise<void>;
export declare function buildWeb(opts?: { force?: boolean }): Promise<void>;
export declare function ensureBuilt(opts?: { server?: boolean; web?: boolean; force?: boolean; log?: (line: string) => void }): Promise<void>;
