// Entry point of the bundle of today's block editor code that check.mjs
// loads into a blank page when given "library" instead of a site: the block
// API of @wordpress/blocks and every core block type of
// @wordpress/block-library, as pinned in package-lock.json. Built by
// scripts/editor.sh with esbuild into build/blocklib.js.
import * as blocks from '@wordpress/blocks';
import { registerCoreBlocks } from '@wordpress/block-library';

registerCoreBlocks();
// check.mjs's checkAll reads the same names as in the editor's page.
window.wp = { blocks };
