/* bookshelf static search: understands the query and ranks pages the way the server does,
   from the sharded index that `bookshelf build` writes beside this file.
   Contract with the page (see the crate README):
     <script src="{root}search/search.js" data-index="{root}search/" defer></script>
     optional data-root="{root}" (default: the folder above data-index) and
     data-variant="standard|easy" (default standard);
     <form role="search"><input name="q" id="search-q"></form> and
     <div id="search-results" aria-live="polite"></div>.
   No eval, no inline styles: safe under Content-Security-Policy: default-src 'self'. */
(function () {
  'use strict';

  // bookshelf_text::words::is_word_char: a letter, a digit or a combining mark.
  var WORD = /[\p{Alphabetic}\p{N}\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/u;
  var NUMBER = /^\p{N}+$/u;
  // bookshelf_text::forms::IZE_ENDINGS.
  var IZE_ENDINGS = ['e', 'es', 'ed', 'ing', 'er', 'ers', 'ation', 'ations', 'ational'];
  var CONCEPT = '~';
  // As `everyday.rs`: contractions read as their words, words naming a kind of page, a level
  // or an audience, words asking what a term means, and little words that carry no meaning.
  var CONTRACTIONS = { cant: 'can not', cannot: 'can not', wont: 'will not', dont: 'do not',
    doesnt: 'does not', didnt: 'did not', isnt: 'is not', arent: 'are not', wasnt: 'was not',
    werent: 'were not', havent: 'have not', hasnt: 'has not', hadnt: 'had not',
    couldnt: 'could not', shouldnt: 'should not', wouldnt: 'would not', mustnt: 'must not',
    im: 'i am', ive: 'i have', youre: 'you are', youve: 'you have', theyre: 'they are',
    theyve: 'they have', weve: 'we have', whats: 'what is', wheres: 'where is', whos: 'who is',
    hows: 'how is', thats: 'that is', theres: 'there is', lets: 'let us' };
  var FACETS = { checklist: ['kind', 'checklist'], checklists: ['kind', 'checklist'],
    guide: ['kind', 'guide'], guides: ['kind', 'guide'], glossary: ['kind', 'glossary'],
    meaning: ['kind', 'glossary'], definition: ['kind', 'glossary'],
    strategic: ['level', 'strategic'], operational: ['level', 'operational'],
    individual: ['level', 'individual'], parent: ['audience', 'parents'],
    parents: ['audience', 'parents'], carers: ['audience', 'parents'],
    young: ['audience', 'young-people'], teenager: ['audience', 'young-people'],
    teenagers: ['audience', 'young-people'], staff: ['audience', 'staff'],
    professionals: ['audience', 'staff'] };
  var ASKING = ['mean', 'means', 'meaning', 'meant', 'define', 'definition', 'explain', 'stand',
    'stands', 'glossary'];
  var LIGHT = ['am', 'have', 'has', 'had', 'got', 'get', 'gets', 'getting', 'want', 'wants',
    'need', 'needs', 'go', 'going', 'goes', 'make', 'know', 'someone', 'something', 'thing',
    'things', 'like', 'please', 'about', 'also', 'just', 'really', 'very', 'much', 'many', 'some',
    'any', 'our', 'us', 'not', 'happens', 'happen', 'other', 'others'];
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function isJoiner(c) {
    return c === '-' || c === "'" || c === '\u2019' || c === '\u2010' || c === '\u2011';
  }

  function foldWord(raw, lex) {
    var w = raw.toLowerCase();
    // An elided article (`l'école`), as `words::fold`; `meta.elided` lists the language's.
    var k = w.indexOf("'");
    if (k >= 0 && k + 1 < w.length && lex.elided.has(w.slice(0, k))) w = w.slice(k + 1);
    if (lex.english && w.endsWith("'s")) w = w.slice(0, -2);
    w = w.split("'").join('');
    if (!lex.english) return w;
    if (Object.prototype.hasOwnProperty.call(lex.fold, w)) return lex.fold[w];
    for (var e = 0; e < IZE_ENDINGS.length; e++) {
      var pairs = [['iz', 'is'], ['yz', 'ys']];
      for (var p = 0; p < 2; p++) {
        var tail = pairs[p][0] + IZE_ENDINGS[e];
        if (w.endsWith(tail)) {
          var stem = w.slice(0, w.length - tail.length);
          if (Array.from(stem).length >= 3) return stem + pairs[p][1] + IZE_ENDINGS[e];
        }
      }
    }
    return w;
  }

  // Words of a text with their UTF-16 ranges, as `words::split` does in Rust.
  function splitWords(text, lex) {
    var chars = [];
    for (var i = 0; i < text.length;) {
      var ch = String.fromCodePoint(text.codePointAt(i));
      chars.push([ch, i]);
      i += ch.length;
    }
    var words = [];
    var k = 0;
    while (k < chars.length) {
      var c = chars[k][0];
      if (!WORD.test(c)) { k++; continue; }
      var from = chars[k][1], to = from + c.length, raw = c, parts = 1;
      k++;
      while (k < chars.length) {
        c = chars[k][0];
        if (WORD.test(c)) {
          raw += c; to = chars[k][1] + c.length; k++;
        } else if (isJoiner(c) && k + 1 < chars.length && WORD.test(chars[k + 1][0])) {
          if (c === "'" || c === '\u2019') raw += "'"; else parts++;
          k++;
        } else break;
      }
      var folded = foldWord(raw, lex);
      if (folded) words.push({ from: from, to: to, text: folded, parts: parts });
    }
    return words;
  }

  function loadLexicon(meta) {
    // `lang` is absent for English: the only language with the US/UK and inflection steps.
    var lex = { vocab: new Map(), order: [], orderChars: null, fold: meta.fold, english: !meta.lang,
      compounds: new Set(meta.compounds.split(' ').filter(Boolean).map(function (f) { return f.split('-').join(''); })),
      stop: new Set(meta.stop), elided: new Set(meta.elided || []), phrases: new Map(),
      everyday: [], heads: new Set((meta.everyday_heads || '').split(' ').filter(Boolean)),
      keep: new Set((meta.keep || '').split(' ').filter(Boolean)) };
    meta.vocab.split('\n').forEach(function (line) {
      if (!line) return;
      var sp = line.indexOf(' ');
      var word = sp < 0 ? line : line.slice(0, sp);
      var rest = sp < 0 ? null : line.slice(sp + 1);
      var term = rest === null ? word : rest === '-' ? null
        : rest[0] === '=' ? rest.slice(1) : word.slice(0, word.length - Number(rest));
      lex.vocab.set(word, term);
      lex.order.push(word);
    });
    meta.concepts.forEach(function (c, i) {
      c.phrases.forEach(function (p) {
        var terms = p.split(' ');
        var list = lex.phrases.get(terms[0]) || [];
        list.push([terms, i]);
        list.sort(function (a, b) { return b[0].length - a[0].length || a[1] - b[1]; });
        lex.phrases.set(terms[0], list);
      });
    });
    return lex;
  }

  function joinCompounds(text, words, lex, query) {
    var out = [];
    for (var i = 0; i < words.length;) {
      var joined = null;
      for (var n = 3; n >= 2 && !joined; n--) {
        if (i + n > words.length) continue;
        var spaced = true, word = words[i].text;
        for (var j = i + 1; j < i + n; j++) {
          if (text.slice(words[j - 1].to, words[j].from).trim() !== '') spaced = false;
          word += words[j].text;
        }
        if (spaced && (lex.compounds.has(word) || (query && lex.vocab.has(word)))) joined = [n, word];
      }
      if (joined) {
        out.push({ from: words[i].from, to: words[i + joined[0] - 1].to, text: joined[1], parts: joined[0] });
        i += joined[0];
      } else {
        out.push(words[i]);
        i++;
      }
    }
    return out;
  }

  function findConcepts(terms, lex) {
    var found = [], covered = 0;
    for (var start = 0; start < terms.length; start++) {
      var list = lex.phrases.get(terms[start]);
      if (!list) continue;
      var best = 0;
      for (var p = 0; p < list.length; p++) {
        var phrase = list[p][0], len = phrase.length;
        if (len < best || start + len > terms.length) continue;
        var same = true;
        for (var j = 0; j < len; j++) if (phrase[j] !== terms[start + j]) same = false;
        if (same && start + len > covered) {
          best = len;
          found.push({ start: start, len: len, concept: list[p][1] });
        }
      }
      if (best > 0) covered = Math.max(covered, start + best);
    }
    return found;
  }

  function maxEdits(len) { return len <= 5 ? 0 : len <= 7 ? 1 : 2; }

  function osaWithin(a, b, k) {
    if (Math.abs(a.length - b.length) > k) return -1;
    var n = b.length, prev2 = new Array(n + 1).fill(0), prev = [], cur = new Array(n + 1).fill(0);
    for (var j0 = 0; j0 <= n; j0++) prev.push(j0);
    for (var i = 1; i <= a.length; i++) {
      cur[0] = i;
      var rowMin = i;
      for (var j = 1; j <= n; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        cur[j] = d;
        if (d < rowMin) rowMin = d;
      }
      if (rowMin > k) return -1;
      var t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    return prev[n] <= k ? prev[n] : -1;
  }

  function correct(word, lex) {
    var chars = Array.from(word), k = maxEdits(chars.length);
    if (k === 0) return null;
    if (!lex.orderChars) lex.orderChars = lex.order.map(function (w) { return Array.from(w); });
    var best = null;
    for (var i = 0; i < lex.orderChars.length; i++) {
      var cand = lex.orderChars[i];
      // People seldom get the first letter wrong: `leeds` is not `needs`.
      if (cand[0] !== chars[0] || Math.abs(cand.length - chars.length) > k) continue;
      var limit = best ? best[0] - 1 : k;
      var d = osaWithin(chars, cand, limit);
      if (d >= 0) {
        if (lex.vocab.get(lex.order[i]) === null) continue;
        best = [d, i];
        if (d === 1) break;
      }
    }
    return best ? lex.order[best[1]] : null;
  }

  function inflections(w) {
    var out = [];
    if (w.endsWith('ies')) out.push(w.slice(0, -3) + 'y');
    if (w.endsWith('es')) out.push(w.slice(0, -2));
    if (w.endsWith('s')) out.push(w.slice(0, -1));
    if (w.endsWith('ing')) { out.push(w.slice(0, -3)); out.push(w.slice(0, -3) + 'e'); }
    if (w.endsWith('ed')) { out.push(w.slice(0, -2)); out.push(w.slice(0, -2) + 'e'); }
    out.push(w + 's');
    return out;
  }

  function resolveWord(word, lex) {
    if (lex.stop.has(word)) return { stop: true };
    if (lex.vocab.has(word)) return { surface: word };
    var inf = lex.english ? inflections(word).find(function (v) { return lex.vocab.has(v); }) : undefined;
    if (inf !== undefined) return { surface: inf };
    if (lex.keep.has(word)) return { surface: null };
    if (NUMBER.test(word)) return { surface: null };
    var c = correct(word, lex);
    return { surface: c, corrected: c !== null };
  }

  // The terms of a text of everyday words: known words only, never corrected.
  function alsoTerms(text, lex) {
    var out = [];
    joinCompounds(text, splitWords(text, lex), lex, true).forEach(function (w) {
      if (lex.stop.has(w.text)) return;
      var s = lex.vocab.has(w.text) ? w.text : inflections(w.text).find(function (v) { return lex.vocab.has(v); });
      if (s === undefined) return;
      var term = lex.vocab.get(s);
      if (term !== null && term !== undefined) out.push(term);
    });
    return out;
  }

  function sameWord(typed, want) {
    return typed === want || inflections(typed).indexOf(want) >= 0;
  }

  function matchAt(words, start, phrase, lex) {
    var j = start;
    for (var k = 0; k < phrase.length; k++) {
      if (k > 0) while (j < words.length && !sameWord(words[j], phrase[k]) && lex.stop.has(words[j])) j++;
      if (j >= words.length || !sameWord(words[j], phrase[k])) return -1;
      j++;
    }
    return j;
  }

  function pushNew(list, x) { if (list.indexOf(x) < 0) list.push(x); }

  function planOnce(text, lex) {
    var english = lex.english, ws = [];
    joinCompounds(text, splitWords(text, lex), lex, true).forEach(function (w) {
      if (english && has(CONTRACTIONS, w.text)) {
        CONTRACTIONS[w.text].split(' ').forEach(function (p) { ws.push({ from: w.from, to: w.to, text: p, parts: 1 }); });
      } else ws.push(w);
    });
    var rewritten = '', last = 0, corrected = false, typed = [];
    ws.forEach(function (w, at) {
      var r = resolveWord(w.text, lex);
      if (r.stop) return;
      if (r.corrected) {
        rewritten += text.slice(last, w.from) + r.surface;
        last = w.to;
        corrected = true;
      }
      var term = r.surface === null ? null : lex.vocab.get(r.surface);
      if (term === undefined) term = null;
      typed.push({ at: at, term: term, tokens: term === null ? [] : [term], named: false,
        asking: english && ASKING.indexOf(w.text) >= 0,
        facet: english && has(FACETS, w.text) ? FACETS[w.text] : null });
    });
    rewritten += text.slice(last);
    var plan = { tokens: [], concepts: [], corrected: corrected ? rewritten.trim() : null, answer: null,
      kind: null, level: null, audience: null, words: [] };
    var withTerm = [];
    typed.forEach(function (t, i) { if (t.term !== null) withTerm.push(i); });
    findConcepts(withTerm.map(function (i) { return typed[i].term; }), lex).forEach(function (m) {
      pushNew(plan.concepts, m.concept);
      for (var k = m.start; k < m.start + m.len; k++) {
        typed[withTerm[k]].named = true;
        typed[withTerm[k]].tokens.push(CONCEPT + m.concept);
      }
    });
    var typedConcepts = plan.concepts.length, also = [];
    var folded = ws.map(function (w) { return w.text; });
    for (var start = 0; start < folded.length; start++) {
      lex.everyday.forEach(function (rule) {
        var end = matchAt(folded, start, rule[0], lex);
        if (end < 0) return;
        var tokens = alsoTerms(rule[1], lex);
        findConcepts(tokens.slice(), lex).forEach(function (m) {
          pushNew(plan.concepts, m.concept);
          tokens.push(CONCEPT + m.concept);
        });
        typed.forEach(function (t) { if (t.at >= start && t.at < end) t.tokens = t.tokens.concat(tokens); });
        also = also.concat(tokens);
      });
    }
    if (typedConcepts > 0 && typed.every(function (t) { return t.named || t.asking; })) plan.answer = plan.concepts[0];
    typed.forEach(function (t) {
      // `parent` in `parent carer forum` names the term, not who the page is for.
      if (t.facet && plan[t.facet[0]] === null && !(t.facet[0] === 'audience' && t.named)) plan[t.facet[0]] = t.facet[1];
    });
    var tokens = typed.filter(function (t) { return t.term !== null; }).map(function (t) { return t.term; })
      .concat(plan.concepts.slice(0, typedConcepts).map(function (c) { return CONCEPT + c; }))
      .concat(also);
    tokens.forEach(function (t) { pushNew(plan.tokens, t); });
    typed.forEach(function (t) {
      var w = folded[t.at];
      if (t.asking || t.facet || (english && LIGHT.indexOf(w) >= 0) || NUMBER.test(w)) return;
      var idx = [];
      t.tokens.forEach(function (tok) { var p = plan.tokens.indexOf(tok); if (p >= 0) pushNew(idx, p); });
      idx.sort(function (x, y) { return x - y; });
      plan.words.push({ term: t.term, tokens: idx });
    });
    return plan;
  }

  // What a query means: as `understand::plan` in Rust (a corrected query is understood again
  // as corrected).
  function planQuery(text, lex) {
    var first = planOnce(text, lex);
    if (first.corrected === null) return first;
    var again = planOnce(first.corrected, lex);
    again.corrected = first.corrected;
    return again;
  }

  // Ranges of a text to mark for the query's tokens.
  function highlights(text, tokens, lex) {
    var words = joinCompounds(text, splitWords(text, lex), lex, false);
    var seq = [];
    words.forEach(function (w) {
      var term = lex.vocab.has(w.text) ? lex.vocab.get(w.text) : (lex.stop.has(w.text) ? null : undefined);
      if (term) seq.push([term, w.from, w.to]);
    });
    var ranges = [];
    seq.forEach(function (s) { if (tokens.indexOf(s[0]) >= 0) ranges.push([s[1], s[2]]); });
    findConcepts(seq.map(function (s) { return s[0]; }), lex).forEach(function (m) {
      if (tokens.indexOf(CONCEPT + m.concept) >= 0) ranges.push([seq[m.start][1], seq[m.start + m.len - 1][2]]);
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var top = merged[merged.length - 1];
      if (top && top[1] > r[0]) top[1] = Math.max(top[1], r[1]); else merged.push(r.slice());
    });
    return merged;
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // The search engine over a loader `load(path) -> Promise<JSON>` relative to the index folder.
  function createEngine(load) {
    var state = null;
    function ready() {
      if (!state) {
        state = load('meta.json').then(function (meta) {
          var f32 = Math.fround;
          var k1 = f32(meta.k1), b = f32(meta.b);
          var caches = meta.avg.map(function (avg) {
            return meta.norms.map(function (norm) {
              return f32(k1 * f32(f32(1 - b) + f32(f32(b * norm) / f32(avg))));
            });
          });
          return { meta: meta, lex: loadLexicon(meta), caches: caches };
        });
      }
      return state;
    }

    function idf(df, n) {
      var f32 = Math.fround;
      var x = f32(f32(f32(n - df) + 0.5) / f32(df + 0.5));
      return f32(Math.log(f32(1 + x)));
    }

    // The everyday words (`everyday.json`), fetched once, when a word of the query (as
    // typed or corrected) starts one of their phrases.
    function withEveryday(text, st) {
      var lex = st.lex;
      if (lex.everydayLoaded || !lex.heads.size) return Promise.resolve(st);
      var first = planQuery(text, lex), texts = [text];
      if (first.corrected !== null) texts.push(first.corrected);
      var needed = texts.some(function (t) {
        return joinCompounds(t, splitWords(t, lex), lex, true).some(function (w) {
          var parts = lex.english && has(CONTRACTIONS, w.text) ? CONTRACTIONS[w.text].split(' ') : [w.text];
          return parts.some(function (p) {
            return lex.heads.has(p) || inflections(p).some(function (v) { return lex.heads.has(v); });
          });
        });
      });
      if (!needed) return Promise.resolve(st);
      return load('everyday.json').then(function (rules) {
        lex.everyday = rules.map(function (r) { return [r[0].split(' '), r[1]]; });
        lex.everydayLoaded = true;
        return st;
      });
    }

    function search(q) {
      var variant = q.variant || 'standard', limit = q.limit || 10;
      return ready().then(function (st) {
        return withEveryday(q.text || '', st);
      }).then(function (st) {
        st = { meta: st.meta, lex: st.lex, caches: st.caches, plan: planQuery(q.text || '', st.lex) };
        var meta = st.meta, lex = st.lex, vmeta = meta.variants[variant];
        var plan = st.plan;
        var result = { corrected: plan.corrected, answer: null, hits: [], total: 0, others: [], plan: plan };
        var answer = plan.answer !== null
          ? load('glossary/' + plan.answer + '.json') : Promise.resolve(null);
        if (!plan.tokens.length || !vmeta) return answer.then(function (a) { result.answer = card(a, variant); return result; });
        var shards = {};
        plan.tokens.forEach(function (t) {
          var s = fnv1a(t) % vmeta.shards;
          // `filled`: one hex digit per four shards, bit s % 4 set when shard s has a file.
          if (!vmeta.filled || (parseInt(vmeta.filled.charAt(s >> 2), 16) >> (s & 3)) & 1) shards[s] = true;
        });
        var facets = [['kind', 'kinds', 0], ['level', 'levels', 1], ['audience', 'audiences', 2]]
          .filter(function (f) { return plan[f[0]] !== null; });
        var needAttrs = q.level || q.audience || q.kind || facets.length;
        // `postings`: the variant whose shards this one shares, when they are the same.
        var pdir = (vmeta.postings || variant) + '/p/';
        var loads = Object.keys(shards).map(function (s) { return load(pdir + s + '.json'); });
        return Promise.all([Promise.all(loads), needAttrs ? load(variant + '/attrs.json') : null, answer])
          .then(function (got) {
            var postings = {};
            got[0].forEach(function (shard) { for (var t in shard) postings[t] = shard[t]; });
            var scores = new Map(), f32 = Math.fround;
            plan.tokens.forEach(function (t) {
              var p = postings[t];
              if (!p) return;
              for (var i = 0; i < p.length;) {
                var field = p[i], df = p[i + 1], count = p[i + 2];
                var weight = f32(f32(idf(df, meta.docs) * f32(1 + f32(meta.k1))) * f32(meta.boosts[field]));
                var cache = st.caches[field], doc = 0;
                i += 3;
                for (var c = 0; c < count; c++, i += 3) {
                  doc += p[i];
                  var tf = p[i + 1];
                  var s = f32(weight * f32(tf / f32(tf + cache[p[i + 2]])));
                  scores.set(doc, f32((scores.get(doc) || 0) + s));
                }
              }
            });
            if (plan.answer !== null) {
              var page = meta.concepts[plan.answer].page[variant];
              if (page !== undefined) scores.set(page, f32((scores.get(page) || 0) + f32(meta.concept_boost)));
            }
            var attrs = got[1], ranked = [];
            // Pages of the kind, level and audience the query names rank higher.
            facets.forEach(function (f) {
              var want = attrs[f[1]].indexOf(plan[f[0]]), boost = f32(meta.facet_boosts[f[2]]);
              if (want < 0) return;
              for (var d = 0; d * 3 < attrs.docs.length; d++) {
                var v = attrs.docs[d * 3 + f[2]];
                var hit = f[2] === 2 ? v !== 0 && (v & (1 << Math.min(want, 31))) : v === want;
                if (hit) scores.set(d, f32((scores.get(d) || 0) + boost));
              }
            });
            scores.forEach(function (score, doc) { if (passes(attrs, doc, q)) ranked.push([score, doc]); });
            ranked.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
            result.total = ranked.length;
            result.answer = card(got[2], variant);
            var top = ranked.slice(0, limit);
            var weak = top.length > 0 && isWeak(plan, top, postings, meta);
            var chunks = {};
            top.forEach(function (r) { chunks[Math.floor(r[1] / vmeta.chunk)] = true; });
            var names = Object.keys(chunks);
            return Promise.all(names.map(function (n) { return load(variant + '/d/' + n + '.json'); }))
              .then(function (docs) {
                var byChunk = {};
                names.forEach(function (n, i) { byChunk[n] = docs[i]; });
                result.hits = top.map(function (r) {
                  var row = byChunk[Math.floor(r[1] / vmeta.chunk)][r[1] % vmeta.chunk];
                  var marks = highlights(row[2], plan.tokens, lex), html = '', at = 0;
                  marks.forEach(function (m) {
                    html += escapeHtml(row[2].slice(at, m[0])) + '<mark>' + escapeHtml(row[2].slice(m[0], m[1])) + '</mark>';
                    at = m[1];
                  });
                  html += escapeHtml(row[2].slice(at));
                  return { url: row[0], title: row[1], snippet: row[2], marks: marks, snippet_html: html,
                    kind: row[3], level: row[4] || null, audience: row[5] ? row[5].split(',') : [], score: r[0] };
                });
                if (weak) { result.others = result.hits; result.hits = []; }
                return result;
              });
          });
      });
    }

    // Whether the first three pages each hold less than `weak_share` of what the query's words
    // weigh: as `Searcher::is_weak` in Rust.
    function isWeak(plan, top, postings, meta) {
      var n = meta.docs, weights = [], heaviest = 0, all = 0, nfields = meta.fields.length;
      plan.words.forEach(function (w) {
        var weight = null;
        if (w.term !== null) {
          var df = 0, p = postings[w.term];
          for (var i = 0; p && i < p.length; i += 3 + 3 * p[i + 2]) df = Math.max(df, p[i + 1]);
          weight = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          heaviest = Math.max(heaviest, weight);
        }
        weights.push(weight);
      });
      weights = weights.map(function (w) { return w === null ? heaviest * meta.unknown_weight : w; });
      weights.forEach(function (w) { all += w; });
      if (all === 0) return false;
      for (var k = 0; k < Math.min(3, top.length); k++) {
        var doc = top[k][1];
        var holds = plan.tokens.map(function (t) {
          var p = postings[t], held = 0;
          for (var i = 0; p && i < p.length;) {
            var field = p[i], count = p[i + 2], d = 0;
            i += 3;
            for (var c = 0; c < count; c++, i += 3) {
              d += p[i];
              if (d === doc) held = Math.max(held, field + 1 < nfields ? 1 : 0.5);
            }
          }
          return held;
        });
        var got = 0;
        plan.words.forEach(function (w, j) {
          var share = 0;
          w.tokens.forEach(function (t) { share = Math.max(share, holds[t]); });
          got += share * weights[j];
        });
        if (got >= meta.weak_share * all) return false;
      }
      return true;
    }

    function passes(attrs, doc, q) {
      if (!attrs) return true;
      var kind = attrs.docs[doc * 3], level = attrs.docs[doc * 3 + 1], mask = attrs.docs[doc * 3 + 2];
      if (q.kind && attrs.kinds[kind] !== q.kind) return false;
      if (q.level && attrs.levels[level] !== q.level) return false;
      if (q.audience && mask !== 0) {
        var bit = attrs.audiences.indexOf(q.audience);
        if (bit < 0 || !(mask & (1 << Math.min(bit, 31)))) return false;
      }
      return true;
    }

    function card(term, variant) {
      if (!term) return null;
      // In easy read the card links to the term's easy read page.
      var url = variant === 'easy' && term.easy_url ? term.easy_url : term.url;
      return { term: term.term, url: url, abbreviations: term.abbreviations, say_instead: term.say_instead,
        definition: variant === 'easy' && term.easy ? term.easy : term.plain };
    }

    return { search: search };
  }

  // ---- The page ----

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The theme's strings (bookshelf.js, loaded before this file), or the key where there are none.
  // (Looked up when used: the engine above also runs outside a browser, in the parity tests.)
  function t(key, args) {
    return typeof window !== 'undefined' && window.bookshelfT ? window.bookshelfT(key, args) : key;
  }

  function render(box, result, q, root) {
    box.textContent = '';
    if (result.corrected) {
      var p = el('p', 'search-corrected', t('search_showing_results_for') + ' ');
      p.appendChild(el('strong', null, result.corrected));
      box.appendChild(p);
    }
    if (result.answer) {
      var a = result.answer, sec = el('section', 'search-answer');
      var h = el('h2', 'search-answer-term');
      var link = el('a', null, a.term);
      link.href = new URL(a.url, root).href;
      h.appendChild(link);
      if (a.abbreviations && a.abbreviations.length) h.appendChild(el('span', 'search-answer-abbr', ' (' + a.abbreviations.join(', ') + ')'));
      sec.appendChild(h);
      sec.appendChild(el('p', 'search-answer-definition', a.definition));
      if (a.say_instead) sec.appendChild(el('p', 'search-answer-say', t('search_say_instead', { words: a.say_instead })));
      box.appendChild(sec);
    }
    if (result.others && result.others.length) {
      // An honest answer: nothing on the site matches; where to look; the weak matches apart.
      box.appendChild(el('p', 'search-count search-nothing', t('search_nothing_matches', { query: q })));
      var tips = el('ul', 'search-suggest');
      [['search_try_glossary', 'glossary/'], ['search_try_sections', '']].forEach(function (s) {
        var li = el('li'), a = el('a', null, t(s[0]));
        a.href = new URL(s[1], root).href;
        li.appendChild(a);
        tips.appendChild(li);
      });
      box.appendChild(tips);
      box.appendChild(el('h2', 'search-others-title', t('search_other_pages')));
      box.appendChild(hitList(result.others, root, 'search-hits search-others'));
      return;
    }
    var count = t('search_count', { n: result.total });
    box.appendChild(el('p', 'search-count', result.total ? count : t('search_no_pages', { query: q })));
    if (!result.hits.length) return;
    box.appendChild(hitList(result.hits, root, 'search-hits'));
  }

  function hitList(hits, root, className) {
    var ol = el('ol', className);
    hits.forEach(function (hit) {
      var li = el('li', 'search-hit');
      var title = el('h3', 'search-hit-title');
      var link = el('a', null, hit.title);
      link.href = new URL(hit.url, root).href;
      title.appendChild(link);
      li.appendChild(title);
      var kind = hit.kind ? t('kind_' + hit.kind) : '';
      var level = hit.level ? t('level_' + hit.level + '_short') : '';
      li.appendChild(el('p', 'search-hit-meta', [kind, level].filter(Boolean).join(' · ')));
      var snip = el('p', 'search-hit-snippet'), at = 0;
      hit.marks.forEach(function (m) {
        snip.appendChild(document.createTextNode(hit.snippet.slice(at, m[0])));
        snip.appendChild(el('mark', null, hit.snippet.slice(m[0], m[1])));
        at = m[1];
      });
      snip.appendChild(document.createTextNode(hit.snippet.slice(at)));
      li.appendChild(snip);
      ol.appendChild(li);
    });
    return ol;
  }

  function start() {
    var script = document.currentScript || document.querySelector('script[data-index]');
    var box = document.getElementById('search-results');
    if (!script || !box) return;
    var base = new URL(script.getAttribute('data-index') || './', document.baseURI);
    var root = new URL(script.getAttribute('data-root') || '../', script.getAttribute('data-root') ? document.baseURI : base);
    var variant = script.getAttribute('data-variant') || 'standard';
    var cache = new Map();
    var engine = createEngine(function (path) {
      if (!cache.has(path)) {
        cache.set(path, fetch(new URL(path, base).href).then(function (r) {
          if (!r.ok) throw new Error(path + ': ' + r.status);
          return r.json();
        }));
      }
      return cache.get(path);
    });
    var input = document.getElementById('search-q');
    var form = input && input.form;
    function run() {
      var params = new URLSearchParams(window.location.search);
      var q = (params.get('q') || '').trim();
      if (input) input.value = q;
      if (!q) return;
      box.setAttribute('aria-busy', 'true');
      engine.search({ text: q, limit: 10, variant: variant, level: params.get('level'),
        audience: params.get('audience'), kind: params.get('kind') })
        .then(function (result) { render(box, result, q, root); })
        .catch(function () { box.textContent = t('search_unavailable'); })
        .then(function () { box.removeAttribute('aria-busy'); });
    }
    if (form) {
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var params = new URLSearchParams(new FormData(form));
        window.history.pushState(null, '', '?' + params.toString());
        run();
      });
    }
    window.addEventListener('popstate', run);
    run();
  }

  var api = { createEngine: createEngine, planQuery: planQuery, loadLexicon: loadLexicon, fnv1a: fnv1a };
  if (typeof globalThis !== 'undefined') globalThis.BookshelfSearch = api;
  if (typeof document !== 'undefined') start();
})();
