/**
 * Markdown for assistant messages, parsed by markdown-it (linear in the input; see
 * docs/decisions/0015-chat-markdown.md) and turned into a small tree that markdown.tsx renders
 * as React elements — model text never becomes HTML, and only http(s), mailto and same-site
 * links are made clickable. While a message streams in, remend closes its half-written syntax
 * (an open `**`, a half link) so it does not flash raw.
 */
import MarkdownIt, { type Token } from "markdown-it";
import remend from "remend";

export type Inline =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "strong" | "em" | "del"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] }
  | { type: "br" };

export type TableAlign = "left" | "center" | "right" | null;

export type Block =
  | { type: "paragraph"; children: Inline[] }
  | { type: "heading"; level: number; children: Inline[] }
  | { type: "list"; ordered: boolean; start: number; items: Block[][] }
  | { type: "quote"; children: Block[] }
  | { type: "code"; lang: string; text: string }
  | { type: "table"; align: TableAlign[]; head: Inline[][]; rows: Inline[][][] }
  | { type: "hr" };

/** http(s), mailto, or a path on this site; anything else (javascript:, data:, //host) is not a link. */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (/^(https?:\/\/|mailto:)/i.test(href)) return /[\s<>"]/.test(href) ? null : href;
  if (/^\/(?!\/)/.test(href) || href.startsWith("#")) return /[\s<>"\\]/.test(href) ? null : href;
  return null;
}

// Raw HTML stays text (html: false); bare http(s) URLs become links, but not "example.com" or
// e-mail addresses, as before.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
markdown.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
// Every link target is let through here and judged by safeHref when the tree is built, so an
// unsafe link shows its label as text rather than its raw Markdown.
markdown.validateLink = () => true;

// ---- tokens → tree -----------------------------------------------------------------------

function toInline(tokens: Token[]): Inline[] {
  const root: Inline[] = [];
  // The children array each open token writes into; an unsafe link writes into its parent's.
  const stack: Inline[][] = [root];
  const pushText = (text: string) => {
    const into = stack.at(-1)!;
    const last = into.at(-1);
    if (last?.type === "text") last.text += text;
    else if (text) into.push({ type: "text", text });
  };
  const open = (node: Inline & { children: Inline[] }) => {
    stack.at(-1)!.push(node);
    stack.push(node.children);
  };
  for (const token of tokens) {
    switch (token.type) {
      case "softbreak":
      case "hardbreak":
        stack.at(-1)!.push({ type: "br" });
        break;
      case "code_inline":
        stack.at(-1)!.push({ type: "code", text: token.content });
        break;
      case "strong_open":
        open({ type: "strong", children: [] });
        break;
      case "em_open":
        open({ type: "em", children: [] });
        break;
      case "s_open":
        open({ type: "del", children: [] });
        break;
      case "link_open": {
        const href = safeHref(String(token.attrGet("href") ?? ""));
        if (href) open({ type: "link", href, children: [] });
        else stack.push(stack.at(-1)!);
        break;
      }
      case "strong_close":
      case "em_close":
      case "s_close":
      case "link_close":
        stack.pop();
        break;
      // Images from model output are not loaded; their description is kept as text.
      case "image":
        pushText(token.content);
        break;
      default:
        pushText(token.content);
    }
  }
  return root;
}

function cellAlign(token: Token): TableAlign {
  const align = /text-align:\s*(left|center|right)/.exec(String(token.attrGet("style") ?? ""));
  return (align?.[1] as TableAlign) ?? null;
}

/** Reads block tokens from `tokens[at]` up to the token of type `until` (or the end). */
function toBlocks(tokens: Token[], at: { i: number }, until?: string): Block[] {
  const blocks: Block[] = [];
  while (at.i < tokens.length) {
    const token = tokens[at.i++]!;
    if (token.type === until) break;
    switch (token.type) {
      case "paragraph_open":
      case "heading_open": {
        const children = toInline(tokens[at.i]!.children ?? []);
        at.i += 2;
        blocks.push(token.type === "heading_open" ? { type: "heading", level: Number(token.tag.slice(1)), children } : { type: "paragraph", children });
        break;
      }
      case "bullet_list_open":
      case "ordered_list_open": {
        const ordered = token.type === "ordered_list_open";
        const close = ordered ? "ordered_list_close" : "bullet_list_close";
        const items: Block[][] = [];
        while (at.i < tokens.length && tokens[at.i]!.type !== close) {
          at.i++; // list_item_open
          items.push(toBlocks(tokens, at, "list_item_close"));
        }
        at.i++;
        blocks.push({ type: "list", ordered, start: ordered ? Number(token.attrGet("start") ?? 1) : 1, items });
        break;
      }
      case "blockquote_open":
        blocks.push({ type: "quote", children: toBlocks(tokens, at, "blockquote_close") });
        break;
      case "fence":
      case "code_block":
        blocks.push({ type: "code", lang: token.info.trim().split(/\s/)[0] ?? "", text: token.content.replace(/\n$/, "") });
        break;
      case "hr":
        blocks.push({ type: "hr" });
        break;
      case "table_open": {
        const table: Extract<Block, { type: "table" }> = { type: "table", align: [], head: [], rows: [] };
        let row: Inline[][] = [];
        for (let t = tokens[at.i++]; t && t.type !== "table_close"; t = tokens[at.i++]) {
          if (t.type === "tr_open") row = [];
          else if (t.type === "th_open") table.align.push(cellAlign(t));
          else if (t.type === "inline") row.push(toInline(t.children ?? []));
          else if (t.type === "tr_close" && table.head.length === 0) table.head = row;
          else if (t.type === "tr_close") table.rows.push(row);
        }
        blocks.push(table);
        break;
      }
    }
  }
  return blocks;
}

// ---- splitting a message into blocks -------------------------------------------------------

const FENCE = /^\s*(`{3,}|~{3,})/;
const LIST_ITEM = /^\s*([-*+]|\d{1,9}[.)])(\s|$)/;

/**
 * Splits a message into pieces that later text cannot change, so a streaming message re-parses
 * only its last piece. A piece ends at a blank line followed by an unindented line that is not
 * a list item, outside code fences. It also ends a list at an unindented line right after it
 * (CommonMark would fold "…and more." into the last item; the assistant means a new paragraph).
 */
export function splitBlocks(source: string): string[] {
  // A streaming message grows at its end and its finished pieces never change, so a call on a
  // longer version of the last text only reads from where that text's last piece began: the
  // whole stream costs time linear in its length, not in its length times its chunks. (Nothing
  // here touches the text before that point: not a split, not even a line-ending fix-up.)
  const resume = lastSplit && hasPrefix(source, lastSplit.source) ? lastSplit : null;
  const { lines, offsets } = linesFrom(source, resume?.from ?? 0);
  const scanned = scanPieces(lines, 0);
  // A cut is final once the line it was made at is whole (a line break follows it): "1" may still
  // become "1." and turn a new paragraph into a list item. Resume at the last such cut.
  let k = scanned.starts.length - 1;
  while (k > 0 && scanned.starts[k]! >= lines.length - 1) k -= 1;
  // The finished pieces are kept without the blank ones, so no call re-reads them: on a long answer
  // that filter ran over every piece on every chunk.
  const newlyFinished = scanned.pieces.slice(0, k).filter(hasText);
  const earlier = resume?.finished ?? [];
  const finished = newlyFinished.length > 0 ? earlier.concat(newlyFinished) : earlier;
  lastSplit = { source, finished, from: offsets[scanned.starts[k]!]! };
  return finished.concat(scanned.pieces.slice(k).filter(hasText));
}

const hasText = (piece: string) => /\S/.test(piece);

let lastSplit: { source: string; finished: string[]; from: number } | null = null;

// Not `source.startsWith(prefix)`: V8 compares that character by character, 5–80 µs a call on a
// 16–32k message, more than the rest of the split; a slice compared with === takes under 1 µs.
const hasPrefix = (source: string, prefix: string) => source.length >= prefix.length && source.slice(0, prefix.length) === prefix;

const LINE_BREAK = /\r\n|\r|\n/g;

/** The lines of source[from…] (CRLF and CR read as LF) and the offset in source where each starts. */
function linesFrom(source: string, from: number): { lines: string[]; offsets: number[] } {
  const lines: string[] = [];
  const offsets: number[] = [];
  let start = from;
  LINE_BREAK.lastIndex = from;
  for (let match = LINE_BREAK.exec(source); match; match = LINE_BREAK.exec(source)) {
    lines.push(source.slice(start, match.index));
    offsets.push(start);
    start = match.index + match[0].length;
  }
  lines.push(source.slice(start));
  offsets.push(start);
  return { lines, offsets };
}

/** The pieces of lines[from…] (a piece boundary, so the scan starts fresh) and the line index each starts at. */
function scanPieces(lines: string[], from: number): { pieces: string[]; starts: number[] } {
  const pieces: string[] = [];
  const starts = [from];
  let piece: string[] = [];
  let fence: string | null = null;
  let inList = false;
  let previousBlank = false;
  for (let index = from; index < lines.length; index += 1) {
    const line = lines[index]!;
    const blank = line.trim() === "";
    const unindented = !blank && !/^\s/.test(line);
    const listItem = LIST_ITEM.test(line);
    if (fence === null && unindented && !listItem) {
      if (previousBlank && piece.length > 0) {
        pieces.push(piece.join("\n"));
        piece = [];
        starts.push(index);
      } else if (inList && !previousBlank) piece.push("");
      inList = false;
    }
    piece.push(line);
    const marker = FENCE.exec(line)?.[1];
    if (fence === null && marker) fence = marker;
    else if (fence !== null && marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
    else if (fence === null && listItem) inList = true;
    if (fence === null) previousBlank = blank;
  }
  pieces.push(piece.join("\n"));
  return { pieces, starts };
}

/** One piece of Markdown (or a whole message) as blocks. */
export function parsePiece(source: string): Block[] {
  return toBlocks(markdown.parse(source, {}), { i: 0 });
}

export function parseBlocks(source: string): Block[] {
  return splitBlocks(source).flatMap(parsePiece);
}

export function parseInline(text: string): Inline[] {
  return toInline(markdown.parseInline(text, {})[0]?.children ?? []);
}

// A marker that has only just arrived ("You have **") has nothing to close yet; it waits for
// the next chunk rather than flashing. Runs of three (a fence, a rule) and markers opening a
// line (a list item) are left alone.
const dropBareTrailingMarker = { name: "bare-trailing-marker", priority: 200, handle: (text: string) => text.replace(/(^|[^\S\n])[*_~`]{1,2}$/, "$1") };

/** Closes the syntax a still-streaming piece has left open; a half link shows as its text. */
export function closeUnfinished(source: string): string {
  return remend(source, { linkMode: "text-only", images: false, inlineKatex: false, katex: false, handlers: [dropBareTrailingMarker] });
}
