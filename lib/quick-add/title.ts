/** Client-safe: the text with these spans blanked out (same length, so every offset still holds). */
export function blankSpans(text: string, spans: ReadonlyArray<{ start: number; end: number }>, fill = " "): string {
  let out = text;
  for (const { start, end } of spans) out = out.slice(0, start) + fill.repeat(end - start) + out.slice(end);
  return out;
}

/** The title a quick-add line leaves once these tokens' words are taken out; a removed chip's words stay. */
export function titleWithout(text: string, tokens: ReadonlyArray<{ start: number; end: number }>): string {
  return blankSpans(text, tokens).replace(/\s+/g, " ").replace(/\s+([,.!?;:])/g, "$1").trim().replace(/^[,;:]\s*/, "");
}
