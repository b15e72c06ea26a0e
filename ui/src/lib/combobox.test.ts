import { describe, expect, it } from 'vitest';
import { comboboxKey } from './combobox';

const key = (k: string) => {
  const e = { key: k, prevented: false, stopped: false, preventDefault() { this.prevented = true; }, stopPropagation() { this.stopped = true; } };
  return e as typeof e & KeyboardEvent;
};

describe('combobox keys', () => {
  it('moves with the arrows, wrapping, picks with Entrée, closes with Échap only when it may', () => {
    const picked: number[] = [];
    let closed = false;
    const list = (active: number, close = true) => ({
      count: 3, active, pick: (i: number) => picked.push(i), close: close ? () => (closed = true) : undefined
    });
    expect(comboboxKey(key('ArrowDown'), list(2))).toBe(0);
    expect(comboboxKey(key('ArrowUp'), list(0))).toBe(2);
    expect(comboboxKey(key('Enter'), list(1))).toBe(1);
    expect(picked).toEqual([1]);
    const esc = key('Escape');
    comboboxKey(esc, list(1));
    expect(closed && esc.stopped).toBe(true);
    const left = key('Escape');
    comboboxKey(left, list(1, false));
    expect(left.stopped).toBe(false); // the dialog around gets it
    const empty = key('ArrowDown');
    expect(comboboxKey(empty, { count: 0, active: -1, pick: () => {} })).toBe(-1);
    expect(empty.prevented).toBe(false);
  });
});
