// The shortest password accepted, without zod (the sign-in page imports it; accounts.ts re-exports it).
export const MIN_PASSWORD_LENGTH = 12;
