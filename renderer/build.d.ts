export declare function buildRenderer(outDir?: string): Promise<string>;
