// minersim's web page: reads through the miner's JSON-RPC API (passed through this origin's /rpc/v0) and the
// statistics API, as a tool does; moves only when the server's events say a miner moved. No build step.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const hash = new URLSearchParams(location.hash.slice(1));
  const statsKey = hash.get('key') || '';
  const tokens = {};
  for (const [k, v] of hash) {
    if (k === 'token') tokens['*'] = v;
    else if (k.startsWith('token.')) tokens[k.slice(6)] = v;
  }

  // Lotus's states by stage, as its sector state groups them (sealing-core's SectorState groups).
  const STAGES = [
    ['deals', ['Empty', 'WaitDeals', 'AddPiece']],
    ['sealing', ['Packing', 'GetTicket', 'PreCommit1', 'PreCommit2', 'PreCommitting', 'PreCommitWait', 'WaitSeed',
      'Committing', 'CommitFinalize', 'SubmitCommit', 'CommitWait', 'FinalizeSector', 'ReceiveSector']],
    ['batching', ['SubmitPreCommitBatch', 'PreCommitBatchWait', 'SubmitCommitAggregate', 'CommitAggregateWait']],
    ['proving', ['Proving', 'Available']],
    ['snap', ['SnapDealsWaitDeals', 'SnapDealsAddPiece', 'SnapDealsPacking', 'UpdateReplica', 'ProveReplicaUpdate',
      'SubmitReplicaUpdate', 'WaitMutable', 'ReplicaUpdateWait', 'FinalizeReplicaUpdate', 'UpdateActivating',
      'ReleaseSectorKey']],
    ['failed', ['FailedUnrecoverable', 'AddPieceFailed', 'SealPreCommit1Failed', 'SealPreCommit2Failed',
      'PreCommitFailed', 'ComputeProofFailed', 'RemoteCommitFailed', 'CommitFailed', 'CommitFinalizeFailed',
      'PackingFailed', 'FinalizeFailed', 'DealsExpired', 'RecoverDealIDs', 'SnapDealsAddPieceFailed',
      'SnapDealsDealsExpired', 'SnapDealsRecoverDealIDs', 'AbortUpgrade', 'ReplicaUpdateFailed',
      'ReleaseSectorKeyFailed', 'FinalizeReplicaUpdateFailed', 'Faulty', 'FaultReported', 'FaultedFinal']],
    ['terminating', ['Terminating', 'TerminateWait', 'TerminateFinality', 'TerminateFailed']],
    ['removed', ['Removing', 'RemoveFailed', 'Removed']],
  ];
  const LIST_SHOWN = 1000;

  let miners = [];
  let actor = hash.get('miner');
  let seen = null; // the selected miner's {epoch, writes, events} last read
  let openState = null;
  let openSector = null;
  let busy = false;
  let again = false;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('data-')) e.setAttribute(k, v);
      else e[k] = v;
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }

  function readToken() {
    return tokens[actor] || tokens['*'] || '';
  }

  function showError(message) {
    const box = $('error');
    box.textContent = message;
    box.hidden = false;
  }

  function clearError() {
    $('error').hidden = true;
    $('error').textContent = '';
  }

  // One JSON-RPC call to the selected miner; the API's own error becomes the Error's message.
  async function rpc(method, params, token) {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    const res = await fetch('rpc/v0?miner=' + encodeURIComponent(actor), {
      method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const text = await res.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
    if (res.status === 401) {
      throw new Error(method + ': the miner API refused the token (HTTP 401 Unauthorized)');
    }
    if (body && body.error && typeof body.error === 'object') {
      throw new Error(method + ': ' + body.error.message + ' (code ' + body.error.code + ')');
    }
    if (!res.ok) {
      const why = body && body.error ? body.error : text;
      throw new Error(method + ': HTTP ' + res.status + (why ? ': ' + why : ''));
    }
    return body ? body.result : null;
  }

  // --- controls: each one call with the admin token (or the read token, which the API refuses) ---
  function jsonOrText(raw) {
    const s = raw.trim();
    try { return JSON.parse(s); } catch (e) { return s; }
  }

  async function control(label, method, params) {
    const token = $('admin-token').value.trim() || readToken();
    $('result').textContent = label + '…';
    try {
      const result = await rpc(method, params, token);
      clearError();
      $('result').textContent = label + ': done' + (result !== null && result !== undefined
        ? ' → ' + JSON.stringify(result) : '');
      refresh();
    } catch (e) {
      $('result').textContent = '';
      showError(e.message);
    }
  }

  function wireControls() {
    $('advance-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      control('Sim.Advance', 'Sim.Advance', [jsonOrText($('advance-epochs').value)]);
    });
    $('pause').addEventListener('click', () => control('Sim.Pause', 'Sim.Pause', []));
    $('resume').addEventListener('click', () => control('Sim.Resume', 'Sim.Resume', []));
    $('pledge').addEventListener('click', () => control('Filecoin.PledgeSector', 'Filecoin.PledgeSector', []));
    $('faults-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const sectors = $('fault-sectors').value.split(/[\s,]+/).filter((s) => s).map(jsonOrText);
      control('Sim.DeclareFaults', 'Sim.DeclareFaults', [sectors]);
    });
    $('inject-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const sector = $('inject-sector').value.trim();
      control('Sim.InjectFailure', 'Sim.InjectFailure', [{
        State: $('inject-state').value.trim(), Sector: sector === '' ? null : jsonOrText(sector),
        Count: jsonOrText($('inject-count').value), Error: 'injected from the web page',
      }]);
    });
    $('miner').addEventListener('change', () => {
      actor = $('miner').value;
      seen = null;
      openState = null;
      openSector = null;
      $('state-sectors').hidden = true;
      $('sector-card').hidden = true;
      onMiners(miners);
      charts.reset();
    });
    for (const r of document.querySelectorAll('input[name=scope]')) {
      r.addEventListener('change', () => charts.reset());
    }
  }

  // --- the pipeline ---
  function renderPipeline(summary) {
    const stages = $('stages');
    stages.textContent = '';
    const known = new Set();
    let total = 0;
    const groups = STAGES.map(([name, states]) => [name, states.slice()]);
    for (const [, states] of groups) states.forEach((s) => known.add(s));
    const other = Object.keys(summary).filter((s) => !known.has(s));
    if (other.length) groups.push(['other', other]);
    for (const [name, states] of groups) {
      const present = states.filter((s) => summary[s]);
      const count = present.reduce((n, s) => n + summary[s], 0);
      total += count;
      const box = el('div', { class: 'stage' + (count ? '' : ' empty'), 'data-stage': name },
        el('h3', {}, el('span', {}, name), el('span', { 'data-count': count }, count.toLocaleString('en'))));
      for (const s of present) {
        const b = el('button', { class: 'state' + (s === openState ? ' open' : ''), type: 'button',
          'data-state': s, 'data-count': summary[s] }, el('span', {}, s),
        el('span', {}, summary[s].toLocaleString('en')));
        b.addEventListener('click', () => openStateList(s));
        box.append(b);
      }
      stages.append(box);
    }
    if (!document.body.hasAttribute('data-loaded-ms')) {
      // when the page first showed the pipeline, in ms since navigation began (PageLoadBench reads it)
      document.body.setAttribute('data-loaded-ms', Math.round(performance.now()));
    }
    $('total').textContent = total.toLocaleString('en') + ' sectors';
    $('total').setAttribute('data-total', total);
  }

  async function openStateList(state) {
    openState = state;
    for (const b of document.querySelectorAll('.state')) b.classList.toggle('open', b.dataset.state === state);
    try {
      await renderStateList();
    } catch (e) {
      showError(e.message);
    }
  }

  async function renderStateList() {
    if (!openState) return;
    const numbers = (await rpc('Filecoin.SectorsListInStates', [[openState]], readToken())) || [];
    $('state-sectors').hidden = false;
    $('state-title').textContent = openState + ': ' + numbers.length.toLocaleString('en') + ' sectors';
    const list = $('state-list');
    list.textContent = '';
    for (const n of numbers.slice(0, LIST_SHOWN)) {
      const b = el('button', { class: 'sector', type: 'button', 'data-sector': n }, n);
      b.addEventListener('click', () => openCard(n));
      list.append(b);
    }
    if (numbers.length > LIST_SHOWN) {
      list.append(el('span', { class: 'muted' }, '… and ' + (numbers.length - LIST_SHOWN).toLocaleString('en')
        + ' more (lotus-miner sectors list --states ' + openState + ')'));
    }
  }

  // --- a sector's card ---
  function cid(v) {
    return v && typeof v === 'object' && v['/'] ? v['/'] : v;
  }

  function fmtTime(unix) {
    return new Date(unix * 1000).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  }

  async function openCard(n) {
    openSector = n;
    try {
      await renderCard();
    } catch (e) {
      showError(e.message);
    }
  }

  async function renderCard() {
    if (openSector === null) return;
    const s = await rpc('Filecoin.SectorsStatus', [openSector, true], readToken());
    const card = $('sector-card');
    card.textContent = '';
    card.hidden = false;
    const close = el('button', { type: 'button', id: 'card-close' }, 'close');
    close.addEventListener('click', () => { openSector = null; card.hidden = true; });
    card.append(el('h2', { 'data-sector': s.SectorID }, 'Sector ' + s.SectorID + ' — ' + s.State + ' ', close));
    const facts = [
      ['State', s.State], ['Seal proof', s.SealProof], ['CommD', cid(s.CommD) || '–'],
      ['CommR', cid(s.CommR) || '–'], ['Ticket epoch', s.Ticket ? s.Ticket.Epoch : '–'],
      ['Seed epoch', s.Seed ? s.Seed.Epoch : '–'], ['Pre-commit message', cid(s.PreCommitMsg) || '–'],
      ['Commit message', cid(s.CommitMsg) || '–'], ['Replica update message', cid(s.ReplicaUpdateMessage) || '–'],
      ['Deals', (s.Deals || []).join(', ') || 'none'], ['Activation', s.Activation], ['Expiration', s.Expiration],
      ['On time / early', s.OnTime + ' / ' + s.Early], ['Initial pledge', s.InitialPledge],
      ['Deal weight (verified)', s.DealWeight + ' (' + s.VerifiedDealWeight + ')'], ['Retries', s.Retries],
      ['Last error', s.LastErr || '–'],
    ];
    const dl = el('dl');
    for (const [k, v] of facts) dl.append(el('dt', {}, k), el('dd', {}, v === undefined || v === null ? '–' : v));
    card.append(dl);
    const pieces = el('table', { id: 'card-pieces' }, el('thead', {}, el('tr', {}, el('th', {}, 'piece CID'),
      el('th', {}, 'size'), el('th', {}, 'deal'))));
    const pb = el('tbody');
    for (const p of s.Pieces || []) {
      pb.append(el('tr', {}, el('td', {}, cid(p.Piece.PieceCID)), el('td', {}, p.Piece.Size),
        el('td', {}, p.DealInfo ? (p.DealInfo.DealID || 'direct') : 'CC filler')));
    }
    pieces.append(pb);
    card.append(el('h3', {}, 'Pieces'), pieces);
    const log = el('table', { id: 'card-log' }, el('thead', {}, el('tr', {}, el('th', {}, 'time'),
      el('th', {}, 'kind'), el('th', {}, 'message'))));
    const lb = el('tbody');
    for (const l of s.Log || []) {
      lb.append(el('tr', {}, el('td', {}, fmtTime(l.Timestamp)), el('td', {}, l.Kind), el('td', {}, l.Message)));
    }
    log.append(lb);
    card.append(el('h3', {}, 'Log'), log);
  }

  // --- batches and events ---
  async function renderBatches() {
    const t = $('admin-token').value.trim();
    const box = $('batch-list');
    if (!t) {
      box.textContent = 'The batchers\' queues (SectorPreCommitPending, SectorCommitPending, SectorTerminatePending) '
        + 'are for the admin token, as on Lotus: paste it above.';
      return;
    }
    const [pre, com, term] = await Promise.all([rpc('Filecoin.SectorPreCommitPending', [], t),
      rpc('Filecoin.SectorCommitPending', [], t), rpc('Filecoin.SectorTerminatePending', [], t)]);
    box.textContent = '';
    const ids = (list) => (list || []).map((x) => (typeof x === 'object' ? x.Number : x));
    for (const [name, list] of [['pre-commit batch', ids(pre)], ['commit aggregate', ids(com)],
      ['terminate batch', ids(term)]]) {
      box.append(el('div', { class: 'batch', 'data-batch': name }, el('strong', {}, name + ': '),
        list.length ? list.length + ' waiting (' + list.slice(0, 50).join(', ') + (list.length > 50 ? ', …' : '')
          + ')' : 'empty'));
    }
  }

  async function renderEvents(current) {
    const admin = $('admin-token').value.trim();
    const body = document.querySelector('#events-table tbody');
    if (!admin) {
      $('events-note').textContent = 'The history (Sim.Events) is for the admin token: paste it above.';
      return;
    }
    const since = Math.max(0, current.events - 30);
    const events = await rpc('Sim.Events', [since, 30], admin);
    $('events-note').textContent = current.events.toLocaleString('en') + ' events in all; the newest first.';
    body.textContent = '';
    for (const e of events.slice().reverse()) {
      body.append(el('tr', {}, el('td', {}, e.Seq), el('td', {}, e.Epoch), el('td', {}, e.Sector),
        el('td', {}, e.From), el('td', {}, e.To), el('td', {}, e.Kind)));
    }
  }

  // --- reading again when the server says the miner moved ---
  async function refresh() {
    const now = miners.find((m) => m.actor === actor);
    if (!now) return;
    if (busy) { again = true; return; }
    busy = true;
    try {
      // each part on its own: one refused read leaves the others shown
      for (const part of [async () => renderPipeline(await rpc('Filecoin.SectorsSummary', [], readToken())),
        renderBatches, renderStateList, renderCard, () => renderEvents(now)]) {
        try {
          await part();
        } catch (e) {
          showError(e.message);
        }
      }
      document.body.setAttribute('data-writes', now.writes);
      document.body.setAttribute('data-epoch', now.epoch);
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
    charts.update(now);
  }

  // a fleet's miners side by side; a click picks one
  function renderFleet(list) {
    $('fleet').hidden = list.length < 2;
    if (list.length < 2) return;
    const body = document.querySelector('#fleet-table tbody');
    body.textContent = '';
    for (const m of list) {
      const pick = el('button', { type: 'button', class: 'sector', 'data-miner': m.actor }, m.actor);
      pick.addEventListener('click', () => {
        $('miner').value = m.actor;
        $('miner').dispatchEvent(new Event('change'));
      });
      body.append(el('tr', { class: m.actor === actor ? 'open' : '' }, el('td', {}, pick), el('td', {}, m.size),
        el('td', {}, m.sectors.toLocaleString('en')), el('td', {}, m.events.toLocaleString('en'))));
    }
  }

  function onMiners(list) {
    miners = list;
    const select = $('miner');
    if (select.options.length !== list.length) {
      select.textContent = '';
      for (const m of list) select.append(el('option', { value: m.actor }, m.actor + ' (' + m.size + ')'));
    }
    if (!actor || !list.some((m) => m.actor === actor)) actor = list.length ? list[0].actor : null;
    select.value = actor;
    renderFleet(list);
    const now = list.find((m) => m.actor === actor);
    if (!now) return;
    $('head').textContent = now.epoch.toLocaleString('en');
    $('date').textContent = fmtTime(now.time);
    if (!seen || seen.writes !== now.writes || seen.epoch !== now.epoch) {
      seen = now;
      refresh();
    }
  }

  const charts = window.minersimCharts(statsKey, () => actor, () => miners.find((m) => m.actor === actor), el);

  // --- the server's events ---
  function connect() {
    if (!statsKey) {
      showError('This address has no statistics key (#key=… as minersim run prints it): the page cannot follow the '
        + 'miners. Open the address minersim run printed.');
      return;
    }
    const source = new EventSource('web/events?key=' + encodeURIComponent(statsKey));
    source.onopen = () => { $('conn').textContent = 'live'; };
    source.onerror = () => { $('conn').textContent = 'disconnected: retrying…'; };
    source.onmessage = (ev) => {
      $('conn').textContent = 'live';
      onMiners(JSON.parse(ev.data).miners);
    };
  }

  // a failure of the page itself is shown too, never only in the console
  window.addEventListener('error', (ev) => showError('page error: ' + ev.message));
  window.addEventListener('unhandledrejection', (ev) => showError('page error: ' + ev.reason));
  wireControls();
  connect();
}());
