// minersim's web page: the statistics charts. The Spacescope-shaped statistics API, one request per endpoint and
// day (each day read once), drawn with uPlot; for the selected miner or the fleet (its miners' rows summed).
'use strict';
// The charts for the page: statsKey for the statistics API, currentActor() the selected miner, currentMiner() its
// last event, el the page's element maker. Returns {reset(), update(miner)}.
window.minersimCharts = function (statsKey, currentActor, currentMiner, el) {
  const $ = (id) => document.getElementById(id);
  const actorNow = currentActor;
  const CHART_DAYS = 30;
  const SPECS = [
    { id: 'onboarding', title: 'Sectors onboarded per day', unit: 'n', series: [
      ['total', 'daily_sector_onboarding_count', 'onboarded', '#0b6bcb']] },
    { id: 'power', title: 'Onboarded power (raw and quality-adjusted)', unit: 'B', series: [
      ['total', 'total_sector_rbp', 'raw', '#0b6bcb'], ['total', 'total_sector_qap', 'QA', '#7a5af8']] },
    { id: 'changes', title: 'Per day: faults, recoveries, terminations, expirations, snaps (raw)', unit: 'B',
      series: [['fault', 'daily_new_fault_rbp', 'faulted', '#b42318'],
        ['fault', 'active_fault_rbp', 'faulty now', '#f79009'],
        ['recover', 'daily_new_recover_rbp', 'recovered', '#12b76a'],
        ['terminate', 'daily_new_terminate_rbp', 'terminated', '#475467'],
        ['expire', 'daily_new_expire_rbp', 'expired', '#98a2b3'],
        ['snap', 'daily_new_snap_rbp', 'snapped', '#ee46bc']] },
  ];
  const ENDPOINTS = [...new Set(SPECS.flatMap((s) => s.series.map((x) => x[0])))];
  let cache = new Map();
  let plots = {};
  let lastDay = null;
  let running = false;

  function fmt(unit, v) {
    if (v === null || v === undefined) return '';
    if (unit !== 'B') return v.toLocaleString('en');
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
    let i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (Math.round(v * 10) / 10) + ' ' + units[i];
  }

  function scope() {
    return document.querySelector('input[name=scope]:checked').value;
  }

  async function get(endpoint, date) {
    const q = 'storage_provider/sector/' + endpoint + (date ? '?state_date=' + date : '')
      + (scope() === 'miner' ? (date ? '&' : '?') + 'miner_id=' + actorNow() : '');
    const res = await fetch(q, { headers: { Authorization: 'Bearer ' + statsKey } });
    const body = await res.json();
    if (body.code !== 0) {
      const e = new Error('statistics ' + endpoint + ': ' + body.message + ' (code ' + body.code + ')');
      e.code = body.code;
      throw e;
    }
    // the fleet's row is the sum of its miners'
    const sum = {};
    for (const row of body.data) {
      for (const [k, v] of Object.entries(row)) if (typeof v === 'number') sum[k] = (sum[k] || 0) + v;
      sum.stat_date = row.stat_date;
    }
    return sum;
  }

  function days(last) {
    const out = [];
    const end = Date.parse(last);
    for (let i = CHART_DAYS - 1; i >= 0; i--) out.push(new Date(end - i * 86400000).toISOString().slice(0, 10));
    return out;
  }

  async function load(day) {
    let latest;
    try {
      latest = await get('total', null);
    } catch (e) {
      $('stats-note').textContent = e.code === 30004 ? 'no complete simulated day yet' : e.message;
      return;
    }
    const last = latest.stat_date.slice(0, 10);
    const wanted = [];
    for (const d of days(last)) for (const ep of ENDPOINTS) {
      const k = scope() + '/' + actorNow() + '/' + ep + '/' + d;
      if (!cache.has(k)) wanted.push([k, ep, d]);
    }
    let next = 0;
    async function worker() {
      while (next < wanted.length) {
        const [k, ep, d] = wanted[next++];
        try { cache.set(k, await get(ep, d)); } catch (e) {
          if (e.code !== 30004) throw e;
          cache.set(k, null); // before the genesis day
        }
      }
    }
    await Promise.all([worker(), worker(), worker(), worker(), worker(), worker()]);
    draw(days(last));
    $('stats-note').textContent = 'to ' + last + ' (the last complete day; ' + day + ' is under way)';
  }

  function draw(dates) {
    const xs = [];
    const rows = [];
    for (const d of dates) {
      const some = ENDPOINTS.map((ep) => cache.get(scope() + '/' + actorNow() + '/' + ep + '/' + d));
      if (some.every((r) => r === null || r === undefined)) continue;
      xs.push(Date.parse(d) / 1000);
      rows.push(Object.fromEntries(ENDPOINTS.map((ep, i) => [ep, some[i]])));
    }
    for (const spec of SPECS) {
      const data = [xs, ...spec.series.map(([ep, field]) => rows.map((r) => (r[ep] ? r[ep][field] : null)))];
      if (plots[spec.id]) {
        plots[spec.id].setData(data);
        continue;
      }
      const box = el('div', { class: 'chart', id: 'chart-' + spec.id }, el('h3', {}, spec.title));
      $('charts').append(box);
      plots[spec.id] = new uPlot({
        width: Math.max(400, Math.min(640, box.clientWidth || 560)), height: 220,
        series: [{}, ...spec.series.map(([, , label, color]) => ({ label, stroke: color, width: 2,
          value: (u, v) => fmt(spec.unit, v) }))],
        axes: [{}, { size: 70, values: (u, vals) => vals.map((v) => fmt(spec.unit, v)) }],
        // a lone day keeps a few days' room around it instead of uPlot's years
        scales: { x: { time: true, range: (u, min, max) => (min === max ? [min - 3 * 86400, max + 86400]
          : [min, max]) } },
      }, data, box);
    }
  }

  return {
    reset() {
      cache = new Map();
      for (const p of Object.values(plots)) p.destroy();
      plots = {};
      $('charts').textContent = '';
      lastDay = null;
      const now = currentMiner();
      if (now) this.update(now);
    },
    async update(now) {
      if (typeof uPlot === 'undefined' || !statsKey) return;
      const day = new Date(now.time * 1000).toISOString().slice(0, 10);
      if (day === lastDay || running) return;
      running = true;
      try {
        await load(day);
        lastDay = day;
        if (!document.body.hasAttribute('data-charts-ms')) {
          document.body.setAttribute('data-charts-ms', Math.round(performance.now()));
        }
      } catch (e) {
        $('stats-note').textContent = e.message;
      } finally {
        running = false;
      }
    },
  };
};
