// Entry point of the bundle of today's block editor code that check.mjs
// loads into a blank page when given "library" instead of a site: the block
// API of @wordpress/blocks and every core block type of
// @wordpress/block-library, as pinned in package-lock.json. Built by
// scripts/editor.sh with esbuild into build/blocklib.js.
import * as blocks from '@wordpress/blocks';
import { addFilter } from '@wordpress/hooks';
import { registerCoreBlocks } from '@wordpress/block-library';

// WordPress 7.x's editor adds the attributes of the class and anchor
// supports after a block's own, the class's first (the order PHP registers
// them in: block-supports/custom-classname.php, then anchor.php), and
// writes a block comment's attributes in the order they were added. The
// npm packages' hooks alone would add the anchor first: added here, before
// those hooks run, in WordPress's order.
addFilter('blocks.registerBlockType', 'wpsync/supports-order', (settings) => {
  const supports = settings.supports ?? {};
  const attributes = { ...settings.attributes };
  if (supports.customClassName !== false && !attributes.className) attributes.className = { type: 'string' };
  if (supports.anchor && !attributes.anchor) attributes.anchor = { type: 'string' };
  settings.attributes = attributes;
  return settings;
}, 1);

registerCoreBlocks();
// check.mjs's checkAll reads the same names as in the editor's page.
window.wp = { blocks };
