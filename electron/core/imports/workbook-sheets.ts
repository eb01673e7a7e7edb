/**
 * The sheets of an .xlsx as its workbook lists them: each sheet's name and which part
 * (xl/worksheets/sheetN.xml) holds it, read from xl/workbook.xml and its relationships.
 *
 * exceljs finds a sheet's name only when the relationship points at `worksheets/sheetN.xml`
 * exactly and the sheet's id attribute is spelled `r:id`. openpyxl (which many other systems
 * export their rosters with) writes absolute targets (`/xl/worksheets/sheet1.xml`); other writers
 * use another prefix (`ns0:id`) or prefix the main namespace too (`<x:sheet>`). There exceljs
 * falls back to `Sheet1`, and asking for the sheet by its real name fails. So the names are read
 * here, namespace-aware (any prefix bound to the relationships namespace), with attributes in any
 * order and XML entities decoded.
 */
import path from 'node:path';
import type { Readable } from 'node:stream';
import { openZipEntry } from './zip-entry';

export interface WorkbookSheet {
  name: string;
  /** The N of xl/worksheets/sheetN.xml; null when its relationship names no such part. */
  part: number | null;
}

/** The relationships namespace, transitional and strict OOXML. */
const RELATIONSHIP_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://purl.oclc.org/ooxml/officeDocument/relationships',
]);
/** workbook.xml and its relationships are a few kilobytes; a part far larger is not read. */
const MAX_PART_BYTES = 4 << 20;

/** The sheets in workbook order, or null when the file's workbook cannot be read this way. */
export async function readWorkbookSheets(file: string): Promise<WorkbookSheet[] | null> {
  try {
    const workbook = await readPart(file, 'xl/workbook.xml');
    if (workbook === null) return null;
    const rels = (await readPart(file, 'xl/_rels/workbook.xml.rels')) ?? '';
    return parseWorkbookSheets(workbook, rels);
  } catch {
    return null;
  }
}

/** Pure: the sheets of a workbook.xml, each with the part its relationship (in `rels`) points at. */
export function parseWorkbookSheets(workbookXml: string, relsXml: string): WorkbookSheet[] {
  const targets = new Map<string, string>();
  for (const tag of startTags(relsXml, 'Relationship')) {
    const id = tag.attributes.get('Id');
    const target = tag.attributes.get('Target');
    if (id !== undefined && target !== undefined && tag.attributes.get('TargetMode') !== 'External') targets.set(id, target);
  }
  // Prefixes bound to the relationships namespace anywhere in the document (on the root, on
  // <sheets>, or on each <sheet> as openpyxl does).
  const relPrefixes = new Set<string>();
  for (const tag of startTags(workbookXml, null)) {
    for (const [name, value] of tag.attributes) if (name.startsWith('xmlns:') && RELATIONSHIP_NAMESPACES.has(value)) relPrefixes.add(name.slice(6));
  }
  const sheets: WorkbookSheet[] = [];
  for (const tag of startTags(workbookXml, 'sheet')) {
    const name = tag.attributes.get('name');
    if (name === undefined) continue;
    let rId: string | undefined;
    for (const prefix of relPrefixes) rId ??= tag.attributes.get(`${prefix}:id`);
    const target = rId === undefined ? undefined : targets.get(rId);
    sheets.push({ name, part: target === undefined ? null : worksheetPart(target) });
  }
  return sheets;
}

/** `/xl/worksheets/sheet2.xml` (absolute) or `worksheets/sheet2.xml` (relative to xl/) → 2. */
function worksheetPart(target: string): number | null {
  const name = target.startsWith('/') ? path.posix.normalize(target.slice(1)) : path.posix.normalize(`xl/${target}`);
  const match = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name);
  return match ? Number(match[1]) : null;
}

interface StartTag {
  /** Attribute values by qualified name (`name`, `r:id`, `xmlns:r`), entities decoded. */
  attributes: Map<string, string>;
}

const START_TAG = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
const ATTRIBUTE = /([^\s=>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Start (and empty) tags whose local name is `local` (any prefix), or every start tag for null. */
function* startTags(xml: string, local: string | null): Generator<StartTag> {
  for (const m of xml.replace(/<!--[\s\S]*?-->/g, '').matchAll(START_TAG)) {
    if (local !== null && m[2] !== local) continue;
    const attributes = new Map<string, string>();
    for (const a of (m[3] ?? '').matchAll(ATTRIBUTE)) attributes.set(a[1], decodeEntities(a[2] ?? a[3] ?? ''));
    yield { attributes };
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity] ?? whole;
  });
}

async function readPart(file: string, name: string): Promise<string | null> {
  const entry: Readable | null = openZipEntry(file, (n) => n === name);
  if (!entry) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of entry) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += bytes.length;
      if (size > MAX_PART_BYTES) return null;
      chunks.push(bytes);
    }
  } finally {
    entry.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}
