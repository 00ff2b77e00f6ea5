#!/usr/bin/env node
// The oracle of ../shared/oracle/csl-render.js (same arguments, same JSON out), with one
// citeproc-js engine per style and format instead of one per citation: makeCitationCluster
// renders a citation outside any document (no positions are kept), and updateItems([id])
// before each makes its item the only one registered (number 1, nothing to disambiguate).
// tests/oracle/regenerate_csl.py checks, each time it runs, that this gives what
// csl-render.js gives for a sample of styles. Node is a development aid only.
'use strict';
const fs = require('fs');
const path = require('path');
const CSL = require('citeproc');

function parseArgs(argv) {
  const opts = { format: 'text', names: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) opts[a.slice(2)] = argv[++i];
    else opts.names.push(a);
  }
  return opts;
}

function render(opts, styleName) {
  const items = JSON.parse(fs.readFileSync(opts.items, 'utf8'));
  const byId = Object.fromEntries(items.map((it) => [String(it.id), it]));
  const sys = {
    retrieveLocale: (lang) => {
      const file = path.join(opts.locales, `locales-${lang}.xml`);
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : false;
    },
    retrieveItem: (id) => byId[String(id)],
  };
  const styleFile = fs.existsSync(styleName) ? styleName : path.join(opts.styles, `${styleName}.csl`);
  const xml = fs.readFileSync(styleFile, 'utf8');
  const engine = opts.lang ? new CSL.Engine(sys, xml, opts.lang, true) : new CSL.Engine(sys, xml);
  engine.setOutputFormat(opts.format);
  const out = { bibliography: {}, citations: {} };
  const cites = opts.cites ? JSON.parse(fs.readFileSync(opts.cites, 'utf8')) : [];
  for (const cite of cites) {
    engine.updateItems(cite.items.map((c) => String(c.id)));
    out.citations[cite.name] = engine.makeCitationCluster(cite.items.map((c) => ({ ...c, id: String(c.id) })));
  }
  for (const it of items) {
    engine.updateItems([String(it.id)]);
    const [, entries] = engine.makeBibliography();
    out.bibliography[String(it.id)] = entries.join('').trim();
  }
  return out;
}

const opts = parseArgs(process.argv.slice(2));
const result = {};
for (const style of opts.names) result[path.basename(style, '.csl')] = render(opts, style);
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
