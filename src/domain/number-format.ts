// One Intl.NumberFormat per locale and options, made once and kept: making one costs far more than
// formatting with it, and charts and tables format thousands of values (a national heatmap).

const formats = new Map<string, Intl.NumberFormat>();

/** The cached Intl.NumberFormat for `locale` and `options` (the same object for the same arguments). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}
