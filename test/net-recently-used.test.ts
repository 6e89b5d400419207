import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RecentlyUsed } from '../src/net/recently-used.js';

type Op = { op: 'use' | 'peek' | 'set' | 'delete'; key: number } | { op: 'takeOldest' | 'oldest' | 'sweep'; key: number };

test('RecentlyUsed keeps the order of use, as a list moved to the end on each use would (every operation, random sequences)', () => {
  const op = fc.record({ op: fc.constantFrom('use', 'peek', 'set', 'delete', 'takeOldest', 'oldest', 'sweep'), key: fc.integer({ min: 0, max: 7 }) }) as fc.Arbitrary<Op>;
  fc.assert(
    fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
      const table = new RecentlyUsed<number, string>(8);
      let model: [number, string][] = [];
      const move = (key: number) => {
        const at = model.findIndex(([k]) => k === key);
        if (at >= 0) model.push(...model.splice(at, 1));
      };
      ops.forEach(({ op, key }, i) => {
        switch (op) {
          case 'use':
            assert.equal(table.use(key), model.find(([k]) => k === key)?.[1]);
            move(key);
            break;
          case 'peek':
            assert.equal(table.peek(key), model.find(([k]) => k === key)?.[1]);
            break;
          case 'set':
            table.set(key, `v${i}`);
            model = model.filter(([k]) => k !== key);
            model.push([key, `v${i}`]);
            break;
          case 'delete':
            assert.equal(table.delete(key), model.some(([k]) => k === key));
            model = model.filter(([k]) => k !== key);
            break;
          case 'oldest':
            assert.deepEqual(table.oldest(), model[0]);
            break;
          case 'takeOldest':
            assert.deepEqual(table.takeOldest(), model.shift());
            break;
          case 'sweep': {
            // Deletes, while visiting, every entry up to the first whose key is at least `key`.
            const visited = [...table.oldestFirst((value) => Number(model.find(([, v]) => v === value)![0]) < key)];
            for (const [k] of visited) table.delete(k);
            const stop = model.findIndex(([k]) => k >= key);
            assert.deepEqual(visited, stop < 0 ? model : model.slice(0, stop));
            model = stop < 0 ? [] : model.slice(stop);
            break;
          }
        }
        assert.equal(table.size, model.length);
      });
      assert.deepEqual(table.values(), model.map(([, v]) => v));
    }),
  );
});
