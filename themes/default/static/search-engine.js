// diglot offline search, the query side: the locale's index opened on its manifest, queries
// answered by loading only the term shards and page chunks they need, matched words marked.
// static/search.js (the box on every page) loads this script and the manifest the first time
// the reader focuses or types into the box. normalize() and words() repeat
// src/search/tokenize.rs exactly; the layout of the index scripts is described in
// src/search/shards.rs. Also runs in node (tests/search.rs), where it only defines
// globalThis.diglotSearch.
"use strict";
(function (global) {
  const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  const DIGIT = new Map([...DIGITS].map((c, i) => [c, i]));
  // The layout of the index scripts (src/search/shards.rs), `v` in the manifest.
  const VERSION = 2;
  const MAX_WORD_CHARS = 40;
  // A word being typed matches longer words at this fraction of their score.
  const PREFIX_FACTOR = 0.5;
  // A word the locale never uses matches words sharing all but its last two letters, at this.
  const GUESS_FACTOR = 0.5;
  const MAX_EXPANSIONS = 50;
  const MAX_EXPANSION_SHARDS = 4;
  const WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;

  function normalize(text) {
    let out = "";
    for (const c of text.toLowerCase()) {
      const u = c.codePointAt(0);
      if (u >= 0xff01 && u <= 0xff5e) out += String.fromCodePoint(u - 0xfee0).toLowerCase();
      else if (u === 0x3000) out += " ";
      else if ((u >= 0x064b && u <= 0x065f) || u === 0x0640 || u === 0x0670) continue;
      else if (u === 0x0622 || u === 0x0623 || u === 0x0625) out += "\u0627";
      else if (u === 0x0649) out += "\u064a";
      else out += c;
    }
    return out;
  }

  function isCjk(c) {
    const u = c.codePointAt(0);
    return (u >= 0x3040 && u <= 0x30ff) || (u >= 0x3400 && u <= 0x4dbf) ||
      (u >= 0x4e00 && u <= 0x9fff) || (u >= 0xac00 && u <= 0xd7af) ||
      (u >= 0xf900 && u <= 0xfaff) || (u >= 0xff66 && u <= 0xff9f) ||
      (u >= 0x20000 && u <= 0x2ffff);
  }

  // The words and CJK runs of normalized text: [{text, cjk}], as code-point arrays' strings.
  function words(text) {
    const out = [];
    let current = null;
    for (const c of text) {
      if (!WORD_CHAR.test(c)) {
        current = null;
        continue;
      }
      const cjk = isCjk(c);
      if (current && current.cjk === cjk) current.text += c;
      else out.push((current = { text: c, cjk }));
    }
    return out;
  }

  // First position in the sorted `list` whose entry is not below `key` (UTF-16 order, which
  // is the order the build sorts in).
  function lowerBound(list, key) {
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // The position in the sorted `keys` of the shard holding `key`: the last first key <= it.
  function shardOf(keys, key) {
    const i = lowerBound(keys, key);
    return keys[i] === key ? i : i - 1;
  }

  // Page ids and scores, [doc, score, doc, score, ...], from a posting string.
  function decode(text) {
    const list = [];
    let doc = 0, n = 0;
    for (let i = 0; i < text.length; i++) {
      const digit = DIGIT.get(text[i]);
      if (digit >= 32) {
        n = n * 32 + digit - 32;
        continue;
      }
      doc += n * 32 + digit;
      n = 0;
      list.push(doc, DIGIT.get(text[++i]));
    }
    return list;
  }

  // An index opened on its manifest (search/<locale>.js). `load(name)` returns (a promise of)
  // a part the manifest does not carry inline: a term shard "t<n>" or a doc chunk "d<n>".
  // Parts are loaded once, and only when a query needs them.
  function open(manifest, load) {
    if (manifest.v !== VERSION) throw new Error("unknown search index version " + manifest.v);
    const parts = new Map();
    function part(name) {
      let promise = parts.get(name);
      if (!promise) {
        const inline = manifest.i && manifest.i[name];
        promise = inline ? Promise.resolve(inline) : Promise.resolve().then(() => load(name));
        promise.catch(() => parts.delete(name)); // a part that failed is tried again next time
        parts.set(name, promise);
      }
      return promise;
    }
    const shard = (key) => part("t" + shardOf(manifest.k, key));

    // The term a word is indexed under (itself, or the stem `w`/`m` give it), or null.
    async function exact(word) {
      const s = await shard(word);
      let i = lowerBound(s.w, word);
      if (s.w[i] === word) return s.m[i];
      i = lowerBound(s.t, word);
      return s.t[i] === word ? word : null;
    }

    // Adds term → factor for the entries starting with `prefix`, shard after shard. A word's
    // stem may live in another shard (Arabic الجهاز → جهاز): an expansion reads and uses at
    // most MAX_EXPANSION_SHARDS shards in all, so that a short prefix does not load half the
    // index.
    async function expand(prefix, factor, into) {
      let found = 0;
      const shards = new Set();
      for (let n = shardOf(manifest.k, prefix); shards.size < MAX_EXPANSION_SHARDS || shards.has(n); n++) {
        shards.add(n);
        const s = await part("t" + n);
        for (const [list, termOf] of [[s.t, (i) => s.t[i]], [s.w, (i) => s.m[i]]]) {
          for (let i = lowerBound(list, prefix); i < list.length && list[i].startsWith(prefix); i++) {
            const term = termOf(i);
            const shard = shardOf(manifest.k, term);
            if (!shards.has(shard)) {
              if (shards.size >= MAX_EXPANSION_SHARDS) continue;
              shards.add(shard);
            }
            into.set(term, Math.max(into.get(term) || 0, list[i] === prefix ? 1 : factor));
            if (++found >= MAX_EXPANSIONS) return;
          }
        }
        if (n + 1 >= manifest.k.length || !manifest.k[n + 1].startsWith(prefix)) return;
      }
    }

    // A term's postings and the other words indexed under it.
    async function entry(term) {
      const s = await shard(term);
      const i = lowerBound(s.t, term);
      if (s.t[i] !== term) return { postings: [], words: [] };
      s.decoded = s.decoded || new Map();
      if (!s.decoded.has(i)) s.decoded.set(i, decode(s.p[i]));
      return { postings: s.decoded.get(i), words: s.s[i] ? s.s[i].split(" ") : [] };
    }

    // What a query asks for: one map (term → factor) per word, all of which must match; and
    // what to mark: the CJK pairs and single characters of the query.
    async function clauses(text) {
      const typing = !/[\s\p{P}]$/u.test(text);
      const parts = words(normalize(text));
      const marks = { words: new Set(), pairs: new Set(), chars: new Set() };
      const wanted = [];
      parts.forEach((part, n) => {
        const last = typing && n === parts.length - 1;
        const chars = [...part.text];
        if (part.cjk) {
          if (chars.length === 1) {
            marks.chars.add(part.text);
            const terms = new Map();
            wanted.push(expand(part.text, 1, terms).then(() => terms));
          }
          for (let i = 0; i + 1 < chars.length; i++) {
            const pair = chars[i] + chars[i + 1];
            marks.pairs.add(pair);
            wanted.push(exact(pair).then((term) => new Map(term === null ? [] : [[term, 1]])));
          }
          return;
        }
        if (chars.length > MAX_WORD_CHARS) return;
        wanted.push((async () => {
          const terms = new Map();
          const term = await exact(part.text);
          if (term !== null) terms.set(term, 1);
          if (last) await expand(part.text, PREFIX_FACTOR, terms);
          if (terms.size === 0 && chars.length >= 4) {
            await expand(chars.slice(0, -2).join(""), GUESS_FACTOR, terms);
          }
          return terms;
        })());
      });
      return { wanted: await Promise.all(wanted), marks };
    }

    // The best pages for `text`, best first: [{url, title, excerpt, score, marks}], where
    // marks.title and marks.excerpt are the [start, end) ranges of the matched words. When
    // `stale()` turns true (the reader typed on), it stops before loading more parts and
    // answers null.
    async function query(text, limit, stale = () => false) {
      const { wanted, marks } = await clauses(text);
      if (stale()) return null;
      if (wanted.length === 0) return [];
      const terms = [...new Set(wanted.flatMap((terms) => [...terms.keys()]))];
      const entries = new Map(await Promise.all(terms.map(async (t) => [t, await entry(t)])));
      let total = null;
      for (const terms of wanted) {
        const scores = new Map();
        for (const [term, factor] of terms) {
          const list = entries.get(term).postings;
          for (let i = 0; i < list.length; i += 2) {
            const score = list[i + 1] * factor;
            if (score > (scores.get(list[i]) || 0)) scores.set(list[i], score);
          }
        }
        if (total === null) total = scores;
        else {
          for (const [doc, score] of total) {
            if (scores.has(doc)) total.set(doc, score + scores.get(doc));
            else total.delete(doc);
          }
        }
        if (total.size === 0) return [];
      }
      // A word is marked when it is indexed under a term the query matched.
      for (const [term, { words }] of entries) {
        marks.words.add(term);
        words.forEach((word) => marks.words.add(word));
      }
      const best = [...total].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit || 10);
      if (stale()) return null;
      const docs = await Promise.all(
        best.map(([doc]) => part("d" + Math.floor(doc / manifest.c)).then((chunk) => chunk[doc % manifest.c])),
      );
      return best.map(([, score], n) => {
        const [url, title, excerpt] = docs[n];
        return {
          url, title, excerpt, score,
          marks: { title: highlight(title, marks), excerpt: highlight(excerpt, marks) },
        };
      });
    }

    return { query };
  }

  // The [start, end) ranges (UTF-16 offsets) of `text` to mark: the words whose normalized
  // form is in marks.words, and in CJK runs the characters of marks.pairs and marks.chars.
  function highlight(text, marks) {
    const ranges = [];
    const add = (start, end) => {
      const last = ranges[ranges.length - 1];
      if (last && last[1] >= start) last[1] = Math.max(last[1], end);
      else ranges.push([start, end]);
    };
    // Runs of word characters, CJK apart, as [offset, character] lists.
    const runs = [];
    let run = null;
    for (let at = 0; at < text.length; ) {
      const c = String.fromCodePoint(text.codePointAt(at));
      if (!WORD_CHAR.test(c)) run = null;
      else if (run && run.cjk === isCjk(c)) run.chars.push([at, c]);
      else runs.push((run = { cjk: isCjk(c), chars: [[at, c]] }));
      at += c.length;
    }
    for (const { cjk, chars } of runs) {
      const start = chars[0][0];
      const end = chars[chars.length - 1][0] + chars[chars.length - 1][1].length;
      if (!cjk) {
        const word = text.slice(start, end);
        if (words(normalize(word)).some((w) => marks.words.has(w.text))) add(start, end);
        continue;
      }
      chars.forEach(([at, c], i) => {
        const next = chars[i + 1];
        if (next && marks.pairs.has(c + next[1])) add(at, next[0] + next[1].length);
        else if (marks.chars.has(c)) add(at, at + c.length);
      });
    }
    return ranges;
  }

  global.diglotSearch = { normalize, words, open, highlight };
})(typeof window !== "undefined" ? window : globalThis);
