// The package root, for files the server and the CLI read at run time (the built web app, the SQL
// migrations, package.json, the built-in instruments). This module runs from two places: the TypeScript
// sources (src/paths.ts, through tsx in tests and the bench) and the compiled JavaScript
// (dist/server/paths.js, what bin/samverka.mjs starts); both sit at a fixed depth below the root, so the
// root is found from this module's own address without touching the file system.
import { fileURLToPath } from 'node:url';

const here = new URL('.', import.meta.url);

/** The package root as a file: URL ending in '/'. */
export const ROOT_URL = new URL(here.pathname.endsWith('/dist/server/') ? '../../' : '../', here);

/** The package root as a path ending in the separator. */
export const ROOT = fileURLToPath(ROOT_URL);

/** A file: URL of `relative` (a path with '/', a trailing '/' for a folder) under the package root. */
export const rootUrl = (relative: string): URL => new URL(relative, ROOT_URL);

/** A path of `relative` (a path with '/', a trailing '/' for a folder) under the package root. */
export const rootPath = (relative: string): string => fileURLToPath(rootUrl(relative));
