// Checks block markup with the block editor of a running WordPress: the
// editor's own parser and save() functions decide, as when a post is opened.
//
//   node check.mjs REQUEST.json
//
// REQUEST.json:
//   {"url": "http://127.0.0.1:PORT", "user": "admin", "password": "...",
//    "items": [{"name": "...", "content": "<!-- wp:paragraph -->..."}],
//    "screenshot": {"post": 12, "path": "/abs/editor.png"}}   (optional)
// or, to judge with today's block library from npm instead of a site's
// editor (no WordPress needed):
//   {"library": "/abs/build/blocklib.js", "items": [...]}
//
// The login password is read from the file, never from the command line.
// Prints one JSON report on stdout:
//   {"blockTypes": N, "items": [{"name", "blocks", "problems": [...]}],
//    "timings": {...}}
// A problem is a block that the editor finds invalid (with the editor's
// validation messages), a block that is valid only through a deprecated
// version of its type, a block type the editor does not know, or content
// outside any block. Exits 0 when the check ran, whatever it found; 1 when it
// could not run (no browser, login failed, ...).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const req = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const t0 = Date.now();
const timings = {};
const mark = (what) => { timings[what] = Date.now() - t0; };

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wpsync-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    viewport: { width: 1200, height: 1100 },
    timeout: 60_000,
  });
  mark('browser');
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(45_000);

  if (req.library) {
    // A blank page with the bundle of @wordpress/blocks and
    // @wordpress/block-library (blocklib.mjs): the same parse, validation
    // and save() the editor runs, of the versions pinned in package-lock.json.
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ path: req.library });
  } else {
    await page.goto(req.url + '/wp-login.php');
    await page.fill('#user_login', req.user);
    await page.fill('#user_pass', req.password);
    await Promise.all([page.waitForURL(/wp-admin/), page.click('#wp-submit')]);
    mark('login');
    await page.goto(req.url + '/wp-admin/post-new.php');
  }
  await page.waitForFunction(() => window.wp?.blocks?.getBlockTypes?.().length > 0);
  mark('editor');

  const report = await page.evaluate(checkAll, req.items);
  mark('check');

  if (req.screenshot) {
    await screenshot(page, req.url, req.screenshot);
    mark('screenshot');
  }
  report.timings = timings;
  process.stdout.write(JSON.stringify(report) + '\n');
} catch (err) {
  process.stderr.write(`editor check: ${err.stack || err}\n`);
  process.exitCode = 1;
} finally {
  await context?.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

// checkAll runs in the page. For each item it parses the content with
// wp.blocks.parse and walks the blocks and their inner blocks.
function checkAll(items) {
  const { parse, getBlockType, getSaveContent, isValidBlockContent, getFreeformContentHandlerName } = wp.blocks;
  // Validation messages are console-style: a format with %s and values.
  const format = (args) => {
    const [f, ...rest] = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
    let i = 0;
    const s = String(f).replace(/%[sdoO]/g, () => rest[i++] ?? '');
    return [s, ...rest.slice(i)].join(' ');
  };
  const freeform = getFreeformContentHandlerName();
  return {
    blockTypes: wp.blocks.getBlockTypes().length,
    items: items.map(({ name, content }) => {
      const problems = [];
      let count = 0;
      const walk = (blocks, where) => blocks.forEach((block, i) => {
        count++;
        const at = `${where}${i + 1} ${block.name}`;
        if (block.name === freeform || block.name === 'core/missing') {
          // Text outside block comments, or a type the editor lacks.
          problems.push({ block: at, issues: [`not a known block: ${JSON.stringify((block.originalContent || block.attributes.originalContent || '').slice(0, 200))}`] });
        } else if (!block.isValid) {
          problems.push({ block: at, issues: (block.validationIssues || []).map((v) => format(v.args)) });
        } else if (!block.innerContent && !isValidBlockContent(getBlockType(block.name), block.attributes, block.originalContent)) {
          // (A block the parser gave its innerContent, today's Custom HTML
          // block, has no save() to compare: it is serialized as written.)
          // Valid only as an older version of the type, which the editor
          // migrates and saves differently.
          problems.push({ block: at, issues: ['valid only through a deprecated version; save() now gives: ' + getSaveContent(block.name, block.attributes)] });
        }
        walk(block.innerBlocks, at + ' > ');
      });
      const blocks = parse(content);
      walk(blocks, '');
      // Saving the post in the editor must give back the same bytes:
      // serialize() writes every block from its attributes. Custom HTML and
      // Shortcode blocks are kept as the author wrote them (a browser would
      // normalise their HTML), so they are compared as written.
      const asWritten = (bs) => bs.forEach((b) => {
        if (b.name === 'core/html') b.attributes.content = b.originalContent;
        if (b.name === 'core/shortcode') b.attributes.text = b.originalContent;
        asWritten(b.innerBlocks);
      });
      asWritten(blocks);
      const saved = wp.blocks.serialize(blocks);
      return { name, blocks: count, problems, saved: saved === content ? undefined : saved };
    }),
  };
}

// screenshot opens a post in the editor, closes the welcome guide and
// saves a PNG of the window.
async function screenshot(page, url, { post, path: file }) {
  await page.goto(`${url}/wp-admin/post.php?post=${post}&action=edit`);
  await page.waitForFunction(() => window.wp?.data?.select('core/block-editor')?.getBlocks().length > 0);
  await page.evaluate(() => {
    const prefs = wp.data.select('core/edit-post');
    if (prefs.isFeatureActive('welcomeGuide')) {
      wp.data.dispatch('core/edit-post').toggleFeature('welcomeGuide');
    }
  });
  await page.locator('.edit-post-welcome-guide').waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(500); // fonts and layout settle
  await page.screenshot({ path: file });
}
