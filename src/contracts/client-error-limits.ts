// Limits of a reported web app error, without zod (the web app's shell imports this).

/** Longest stack kept; the web app sends at most this much. */
export const CLIENT_ERROR_STACK_MAX = 4000;
