// The one definition of an answered item and of "Vet ej", shared by the respondent form (progress,
// summary), the analysis (distributions, scores) and the reports (who answered). DOMAIN.md §3: "Vet ej"
// is an answer, counted and shown, never scored. Pure and IO-free; also bundled into the web app.
import { optionsOf } from './options.ts';
import type { AnswerValue, Instrument, Item, Option } from './schema.ts';

/**
 * Splits options into answers and non-scored "Vet ej" answers. An option is "Vet ej" when its code is
 * `vet_ej`, or its value is null beside scored options. Nominal options (a multi-select or single choice
 * whose options are all unvalued) are answers, never "Vet ej".
 */
export function splitOptions<T extends Pick<Option, 'code' | 'value'>>(options: readonly T[]): { answers: T[]; dontKnow: T[] } {
  const anyScored = options.some((o) => o.value !== null);
  const isDontKnow = (o: T) => o.code === 'vet_ej' || (anyScored && o.value === null);
  return { answers: options.filter((o) => !isDontKnow(o)), dontKnow: options.filter(isDontKnow) };
}

/** Whether `option` is a "Vet ej" option among `options` (splitOptions' rule). */
export function isDontKnowOption(option: Pick<Option, 'code' | 'value'>, options: readonly Pick<Option, 'code' | 'value'>[]): boolean {
  return splitOptions(options).dontKnow.some((o) => o.code === option.code);
}

/**
 * - none: no answer, or a stored value that does not fit the item (wrong shape, an option code the
 *   item does not have, blank text, a number that is not finite)
 * - answer: an answer that counts; for multi-select an empty list is the answer "none of these"
 * - dont-know: "Vet ej" (yesno_degree `vet_ej`; a "Vet ej" option of the item; a multi-select of only "Vet ej" options)
 */
export type AnswerState = 'none' | 'answer' | 'dont-know';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The state of a stored answer to an item; `instrument` supplies the item's scale. */
export function answerState(instrument: Pick<Instrument, 'scales'>, item: Item, answer: AnswerValue | null | undefined): AnswerState {
  // Stored data may not match the item (e.g. after a revision): inspect it as unknown.
  const value: unknown = answer;
  if (value === undefined || value === null) return 'none';
  switch (item.type) {
    case 'text':
      return typeof value === 'string' && value.trim() !== '' ? 'answer' : 'none';
    case 'number':
      // A band's code (e.g. "1-10", an answer published as a band) is an answer too.
      if (typeof value === 'string') return item.options?.some((o) => o.code === value) ? 'answer' : 'none';
      return typeof value === 'number' && Number.isFinite(value) ? 'answer' : 'none';
    case 'yesno_degree':
      if (!isObject(value)) return 'none';
      return value.answer === 'vet_ej' ? 'dont-know' : value.answer === 'ja' || value.answer === 'nej' ? 'answer' : 'none';
    case 'multi': {
      if (!Array.isArray(value)) return 'none';
      if (value.length === 0) return 'answer';
      const options = optionsOf(instrument, item);
      const chosen = options.filter((o) => value.includes(o.code));
      if (!chosen.length) return 'none';
      return chosen.every((o) => isDontKnowOption(o, options)) ? 'dont-know' : 'answer';
    }
    case 'scale':
    case 'single':
    case 'capability': {
      const code = item.type === 'capability' ? (isObject(value) ? value.current : undefined) : value;
      const options = optionsOf(instrument, item);
      const option = options.find((o) => o.code === code);
      if (!option) return 'none';
      return isDontKnowOption(option, options) ? 'dont-know' : 'answer';
    }
  }
}

/** True when the item is answered, "Vet ej" included. */
export function isAnswered(instrument: Pick<Instrument, 'scales'>, item: Item, answer: AnswerValue | null | undefined): boolean {
  return answerState(instrument, item, answer) !== 'none';
}

/** True when the answer is "Vet ej": given, counted, never scored. */
export function isDontKnow(instrument: Pick<Instrument, 'scales'>, item: Item, answer: AnswerValue | null | undefined): boolean {
  return answerState(instrument, item, answer) === 'dont-know';
}
