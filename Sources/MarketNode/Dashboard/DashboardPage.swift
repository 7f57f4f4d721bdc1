/// The dashboard at `/`: one static page, no external assets, whose inline script polls the JSON
/// API and renders market totals, recent jobs and the cheapest online providers.
enum DashboardPage {
    static let html = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>depin market</title>
    <style>
      body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2330; background: #f6f7f9; }
      h1 { font-size: 1.4rem; margin: 0 0 .2rem; }
      h2 { font-size: 1.05rem; margin: 1.6rem 0 .5rem; }
      #status { color: #5a6272; margin-bottom: 1rem; }
      .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: .6rem; }
      .card { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: .6rem .8rem; }
      .card .label { color: #5a6272; font-size: .8rem; }
      .card .value { font-size: 1.2rem; font-variant-numeric: tabular-nums; }
      table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #dde1e7; }
      th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #eef0f3; font-variant-numeric: tabular-nums; }
      th { background: #eef0f3; font-weight: 600; }
      .ok { color: #13795b; } .bad { color: #b42318; }
      code { font-size: .85rem; }
    </style>
    </head>
    <body>
    <h1>depin GPU compute market</h1>
    <div id="status">connecting…</div>
    <div class="cards" id="cards"></div>
    <h2>Recent jobs</h2>
    <table><thead><tr><th>id</th><th>status</th><th>client</th><th>tier</th><th>GPU-hours</th><th>budget</th><th>paid</th><th>assignments</th></tr></thead>
    <tbody id="jobs"></tbody></table>
    <h2>Online providers (cheapest first)</h2>
    <table><thead><tr><th>address</th><th>tier</th><th>GPUs free / total</th><th>memory GB</th><th>rate / GPU-hour</th><th>reputation</th><th>availability</th><th>stake</th></tr></thead>
    <tbody id="providers"></tbody></table>
    <script>
    "use strict";
    const short = (text) => text && text.length > 20 ? text.slice(0, 12) + "…" + text.slice(-6) : (text || "");
    function cell(row, text, className) {
      const td = document.createElement("td");
      td.textContent = String(text);
      if (className) td.className = className;
      row.appendChild(td);
    }
    function fill(id, items, columns) {
      const body = document.getElementById(id);
      body.replaceChildren();
      for (const item of items) {
        const row = document.createElement("tr");
        for (const column of columns) cell(row, column(item));
        body.appendChild(row);
      }
      if (items.length === 0) {
        const row = document.createElement("tr");
        const td = document.createElement("td");
        td.colSpan = columns.length;
        td.textContent = "none yet";
        row.appendChild(td);
        body.appendChild(row);
      }
    }
    function card(label, value, className) {
      const div = document.createElement("div");
      div.className = "card";
      const l = document.createElement("div"); l.className = "label"; l.textContent = label;
      const v = document.createElement("div"); v.className = "value" + (className ? " " + className : ""); v.textContent = String(value);
      div.append(l, v);
      return div;
    }
    async function json(path) {
      const response = await fetch(path, { headers: { "Accept": "application/json" } });
      if (!response.ok) throw new Error(path + ": HTTP " + response.status);
      return response.json();
    }
    async function refresh() {
      try {
        const [stats, jobs, providers] = await Promise.all([
          json("/v1/stats"), json("/v1/jobs?limit=20"), json("/v1/providers?online=true&sort=rate&limit=20"),
        ]);
        document.getElementById("status").textContent = "height " + stats.height + " · updated " + new Date().toLocaleTimeString();
        const byStatus = stats.jobsByStatus || {};
        document.getElementById("cards").replaceChildren(
          card("providers online / total", stats.onlineProviders + " / " + stats.totalProviders),
          card("validators active", stats.activeValidators + " / " + stats.totalValidators),
          card("GPUs busy / total", stats.busyGPUs + " / " + stats.totalGPUs),
          card("utilization", (stats.utilizationBasisPoints / 100).toFixed(2) + " %"),
          card("jobs", stats.totalJobs + " (" + Object.keys(byStatus).sort().map(k => k + " " + byStatus[k]).join(", ") + ")"),
          card("GPU-hours verified", stats.gpuHoursVerified),
          card("escrowed", stats.escrowed), card("staked", stats.staked), card("treasury", stats.treasury),
          card("fees collected", stats.feesCollected), card("slashed", stats.slashed),
          card("money conserved", stats.moneyConserved ? "yes" : "NO", stats.moneyConserved ? "ok" : "bad"),
        );
        fill("jobs", jobs.items, [
          j => j.id, j => j.status, j => short(j.client), j => j.spec.tier, j => j.spec.gpuHours, j => j.budget, j => j.paid,
          j => j.assignments.map(a => a.status).join(", ") || "-",
        ]);
        fill("providers", providers.items, [
          p => short(p.address), p => p.tier, p => p.freeGPUs + " / " + p.gpuCount, p => p.memoryPerGPUGB, p => p.ratePerGPUHour,
          p => p.reputation, p => (p.availabilityBasisPoints / 100).toFixed(1) + " %", p => p.stake,
        ]);
      } catch (error) {
        document.getElementById("status").textContent = "cannot reach the node: " + error.message;
      }
    }
    refresh();
    setInterval(refresh, 2000);
    </script>
    </body>
    </html>
    """#
}
