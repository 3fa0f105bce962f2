/**
 * A small Markdown parser for assistant messages: paragraphs (single newlines kept as line
 * breaks), headings, bullet and numbered lists (nested by indentation), block quotes, fenced
 * code, rules; inline code, bold, italic, strikethrough and links. It returns a tree that
 * markdown.tsx renders as React elements — model text never becomes HTML, and only http(s),
 * mailto and same-site links are made clickable. Half-written syntax (while streaming) stays
 * plain text until it is closed.
 */

export type Inline =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "strong" | "em" | "del"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] }
  | { type: "br" };

export type Block =
  | { type: "paragraph"; children: Inline[] }
  | { type: "heading"; level: number; children: Inline[] }
  | { type: "list"; ordered: boolean; start: number; items: Block[][] }
  | { type: "quote"; children: Block[] }
  | { type: "code"; lang: string; text: string }
  | { type: "hr" };

// ---- inline ------------------------------------------------------------------------------

/** http(s), mailto, or a path on this site; anything else (javascript:, data:, //host) is not a link. */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (/^(https?:\/\/|mailto:)/i.test(href)) return /[\s<>"]/.test(href) ? null : href;
  if (/^\/(?!\/)/.test(href) || href.startsWith("#")) return /[\s<>"\\]/.test(href) ? null : href;
  return null;
}

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;
const WORD = /[\p{L}\p{N}]/u;
const BARE_URL = /^https?:\/\/[^\s<>"]*[^\s<>".,:;'!?)\]}*_~]/i;

function findClosing(text: string, delim: string, from: number): number {
  const ch = delim[0]!;
  for (let j = text.indexOf(delim, from); j !== -1; j = text.indexOf(delim, j + 1)) {
    // A closing delimiter follows text, not a space.
    if (/\s/.test(text[j - 1] ?? " ")) continue;
    // A single `*` is not half of a `**`.
    if (delim.length === 1 && (text[j + 1] === ch || text[j - 1] === ch)) continue;
    // `***` closes with its last two characters.
    let end = j;
    if (delim.length === 2) while (text[end + 2] === ch) end++;
    if (ch === "_" && WORD.test(text[end + delim.length] ?? "")) continue;
    return end;
  }
  return -1;
}

function matchBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return i;
  }
  return -1;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buffer = "";
  const flush = () => {
    if (buffer) out.push({ type: "text", text: buffer });
    buffer = "";
  };
  const push = (node: Inline) => {
    flush();
    out.push(node);
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const rest = text.slice(i);

    if (c === "\\" && PUNCTUATION.test(text[i + 1] ?? "")) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (c === "\n") {
      push({ type: "br" });
      i++;
      continue;
    }
    if (c === "`") {
      const run = /^`+/.exec(rest)![0];
      const close = text.indexOf(run, i + run.length);
      if (close !== -1 && text[close + run.length] !== "`") {
        let code = text.slice(i + run.length, close).replace(/\n/g, " ");
        if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ")) code = code.slice(1, -1);
        push({ type: "code", text: code });
        i = close + run.length;
        continue;
      }
      buffer += run;
      i += run.length;
      continue;
    }
    const double = rest.startsWith("**") ? "**" : rest.startsWith("__") ? "__" : rest.startsWith("~~") ? "~~" : null;
    if (double) {
      const intraword = double === "__" && WORD.test(text[i - 1] ?? "");
      const close = intraword || /\s/.test(text[i + 2] ?? " ") ? -1 : findClosing(text, double, i + 3);
      if (close !== -1) {
        push({ type: double === "~~" ? "del" : "strong", children: parseInline(text.slice(i + 2, close)) });
        i = close + 2;
        continue;
      }
      buffer += double;
      i += 2;
      continue;
    }
    if (c === "*" || c === "_") {
      const intraword = c === "_" && WORD.test(text[i - 1] ?? "");
      const close = intraword || /\s/.test(text[i + 1] ?? " ") ? -1 : findClosing(text, c, i + 2);
      if (close !== -1) {
        push({ type: "em", children: parseInline(text.slice(i + 1, close)) });
        i = close + 1;
        continue;
      }
      buffer += c;
      i++;
      continue;
    }
    if (c === "[") {
      const end = matchBracket(text, i);
      const target = end === -1 ? null : /^\(\s*(<[^>]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+"[^"]*")?\s*\)/.exec(text.slice(end + 1));
      if (end !== -1 && target) {
        const label = parseInline(text.slice(i + 1, end));
        const href = safeHref(target[1]!.replace(/^<|>$/g, ""));
        if (href) push({ type: "link", href, children: label });
        else {
          flush();
          out.push(...label);
        }
        i = end + 1 + target[0].length;
        continue;
      }
      buffer += c;
      i++;
      continue;
    }
    if (c === "<") {
      const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(rest);
      const href = auto && safeHref(auto[1]!);
      if (auto && href) {
        push({ type: "link", href, children: [{ type: "text", text: auto[1]! }] });
        i += auto[0].length;
        continue;
      }
    }
    if ((c === "h" || c === "H") && !WORD.test(text[i - 1] ?? "")) {
      const bare = BARE_URL.exec(rest);
      const href = bare && safeHref(bare[0]);
      if (bare && href) {
        push({ type: "link", href, children: [{ type: "text", text: bare[0] }] });
        i += bare[0].length;
        continue;
      }
    }
    buffer += c;
    i++;
  }
  flush();
  return out;
}

// ---- blocks ------------------------------------------------------------------------------

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])(?: +(.*)|$)/;

const indentOf = (line: string) => /^ */.exec(line)![0].length;
const isBlank = (line: string) => line.trim() === "";
const startsBlock = (line: string) => FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || LIST_ITEM.test(line);

function parseList(lines: string[], start: number): { block: Block; next: number } {
  const first = LIST_ITEM.exec(lines[start]!)!;
  const baseIndent = first[1]!.length;
  const ordered = /\d/.test(first[2]!);
  const items: Block[][] = [];
  let i = start;
  while (i < lines.length) {
    const m = LIST_ITEM.exec(lines[i]!);
    if (!m || m[1]!.length > baseIndent + 1 || m[1]!.length < baseIndent || /\d/.test(m[2]!) !== ordered) break;
    const contentIndent = m[1]!.length + m[2]!.length + 1;
    const body = [m[3] ?? ""];
    i++;
    while (i < lines.length) {
      const line = lines[i]!;
      if (isBlank(line)) {
        const nextLine = lines.slice(i + 1).find((l) => !isBlank(l));
        if (nextLine !== undefined && indentOf(nextLine) >= contentIndent) {
          body.push("");
          i++;
          continue;
        }
        break;
      }
      const indent = indentOf(line);
      if (indent >= contentIndent || (indent > baseIndent && LIST_ITEM.test(line))) {
        body.push(line.slice(Math.min(indent, contentIndent)));
        i++;
        continue;
      }
      break;
    }
    items.push(parseBlocks(body.join("\n")));
    // A blank line between items keeps the list going.
    if (i < lines.length && isBlank(lines[i]!)) {
      const j = lines.findIndex((l, k) => k > i && !isBlank(l));
      const again = j === -1 ? null : LIST_ITEM.exec(lines[j]!);
      if (again && again[1]!.length === baseIndent && /\d/.test(again[2]!) === ordered) i = j;
    }
  }
  return { block: { type: "list", ordered, start: ordered ? Number.parseInt(first[2]!, 10) : 1, items }, next: i };
}

export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").replace(/\t/g, "    ").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      i++;
      // An unclosed fence (still streaming) runs to the end.
      while (i < lines.length && !new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}\\s*$`).test(lines[i]!)) body.push(lines[i++]!);
      i++;
      blocks.push({ type: "code", lang: fence[2] ?? "", text: body.join("\n") });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: "heading", level: heading[1]!.length, children: parseInline(heading[2] ?? "") });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: "hr" });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) body.push(lines[i++]!.replace(QUOTE, ""));
      blocks.push({ type: "quote", children: parseBlocks(body.join("\n")) });
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const { block, next } = parseList(lines, i);
      blocks.push(block);
      i = next;
      continue;
    }
    const body: string[] = [line.trim()];
    i++;
    while (i < lines.length && !isBlank(lines[i]!) && !startsBlock(lines[i]!)) body.push(lines[i++]!.trim());
    blocks.push({ type: "paragraph", children: parseInline(body.join("\n")) });
  }
  return blocks;
}
