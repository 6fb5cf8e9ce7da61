// Compile-time check that a zod schema describes a hand-written domain type exactly (both directions,
// optional properties included): `agrees<Same<z.infer<typeof schema>, Type>>()` fails to compile when
// the two drift apart.
type Full<T> = T extends object ? { [K in keyof T]-?: Full<T[K]> } : T;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Same<A, B> = Mutual<A, B> extends true ? Mutual<Full<A>, Full<B>> : false;
export const agrees = <T extends true>(..._: T[]): void => undefined;
