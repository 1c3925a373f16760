import { describe, expect, it } from 'vitest';
import { categoryScope } from './category-tree.ts';

const tree = [
  { slug: 'electronics', parent_slug: null },
  { slug: 'electronics-laptops', parent_slug: 'electronics' },
  { slug: 'electronics-audio', parent_slug: 'electronics' },
  { slug: 'electronics-audio-headphones', parent_slug: 'electronics-audio' },
  { slug: 'home', parent_slug: null },
];

describe('categoryScope', () => {
  it('is a leaf category alone', () => {
    expect(categoryScope(tree, 'electronics-laptops')).toEqual(['electronics-laptops']);
  });
  it('is a department with every category below it', () => {
    expect(categoryScope(tree, 'electronics')).toEqual([
      'electronics',
      'electronics-audio',
      'electronics-laptops',
      'electronics-audio-headphones',
    ]);
  });
  it('is an unknown slug alone', () => {
    expect(categoryScope(tree, 'nothing')).toEqual(['nothing']);
  });
  it('survives a cycle', () => {
    const cyclic = [
      { slug: 'a', parent_slug: 'b' },
      { slug: 'b', parent_slug: 'a' },
    ];
    expect(categoryScope(cyclic, 'a')).toEqual(['a', 'b']);
  });
});
