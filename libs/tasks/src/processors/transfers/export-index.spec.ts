import { Types } from 'mongoose';
import { FileNames, LinkTable } from './export-index';

describe('export index', () => {
  it('numbers insights, finds them by id and keeps file names unique case-insensitively', () => {
    const ids = Array.from({ length: 5000 }, () => new Types.ObjectId().toHexString()).reverse();
    const files = new FileNames();
    ids.forEach((id, i) => files.add(id, i % 2 === 0 ? `Note ${i}` : 'Same title'));
    files.add(new Types.ObjectId().toHexString(), 'same TITLE');
    files.seal();
    expect(files.size).toBe(5001);
    ids.forEach((id, i) => expect(files.indexOf(id)).toBe(i));
    expect(files.indexOf(new Types.ObjectId().toHexString())).toBe(-1);
    expect(files.indexOf('not-an-id')).toBe(-1);
    expect(files.name(0)).toBe('Note 0');
    expect(files.name(1)).toBe('Same title');
    expect(files.name(3)).toBe(`Same title (${ids[3].slice(-6)})`);
    expect(files.name(5000)).toMatch(/^same TITLE \([0-9a-f]{6}\)$/);
    const lower = new Set(Array.from({ length: 5001 }, (_, i) => files.name(i).toLowerCase()));
    expect(lower.size).toBe(5001);
  });

  it('groups links by source in the order they were added', () => {
    const links = new LinkTable(4);
    links.add(2, 0, 1);
    links.add(0, 3, 5);
    links.add(2, 1, 0);
    for (let i = 0; i < 10_000; i += 1) links.add(3, i % 4, 2);
    links.seal();
    const of = (source: number) => {
      const found: [number, number][] = [];
      links.forEach(source, (target, type) => found.push([target, type]));
      return found;
    };
    expect(links.size).toBe(10_003);
    expect(of(0)).toEqual([[3, 5]]);
    expect(of(1)).toEqual([]);
    expect(of(2)).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(of(3)).toHaveLength(10_000);
  });
});
