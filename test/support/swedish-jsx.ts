// Finds interface text in the web app's TSX that does not go through t(): JSX text, labelling
// attributes (aria-label, title, placeholder, alt, label, caption, hint, …) and string literals placed
// directly in JSX, when they look Swedish (å, ä, ö or a common Swedish word). Used by test/i18n.test.ts.
import ts from 'typescript';

/** Common Swedish words that are not also English words. */
const WORDS =
  'och|eller|att|för|som|med|inte|till|av|en|ett|är|har|kan|ska|den|det|alla|inga|ingen|inget|saknas|sidan|kommun|kommuner|omgång|svar|välj|visa|dölj|ladda|skapa|spara|ändra|stäng|öppna|ja|nej|minst|högst|tecken|antal|rubrik|namn|roll|utan|från|på|om|vid|när|vad|vem|hur|tabell|rapport|ned|tom|fler|färre|ny|nytt|nya|inloggad|logga|lösenord|kontakt|skicka|filtrera|uppgifter|ange|källa|ingår';
const SWEDISH = new RegExp(`[åäöÅÄÖ]|\\b(${WORDS})\\b`, 'i');
/** Attributes whose text a user sees or hears. */
const ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label', 'caption', 'hint', 'submitLabel', 'empty', 'summary']);

export interface Finding {
  file: string;
  line: number;
  text: string;
}

export function swedishOutsideT(file: string, source: string): Finding[] {
  const src = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: Finding[] = [];
  const found = (node: ts.Node, text: string) => {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (!/[A-Za-zÅÄÖåäö]{2}/.test(clean) || !SWEDISH.test(clean)) return;
    out.push({ file, line: src.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: clean.slice(0, 100) });
  };
  /** String literals an expression shows as they are (not inside a call such as t(…)). */
  const literals = (e: ts.Node): void => {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) found(e, e.text);
    else if (ts.isTemplateExpression(e)) found(e, [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' '));
    else if (ts.isConditionalExpression(e)) [e.whenTrue, e.whenFalse].forEach(literals);
    else if (ts.isBinaryExpression(e) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind))
      [e.left, e.right].forEach(literals);
    else if (ts.isParenthesizedExpression(e)) literals(e.expression);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) found(node, node.getText());
    else if (ts.isJsxAttribute(node) && node.initializer && ATTRIBUTES.has(node.name.getText())) {
      if (ts.isStringLiteral(node.initializer)) found(node, node.initializer.text);
      else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) literals(node.initializer.expression);
    } else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) literals(node.expression);
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}
