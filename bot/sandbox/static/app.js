// Sandbox page: two chat panes driven through the control API, refreshed by long polling.
"use strict";

(function () {
  const { el } = window.SandboxRender;
  const prefs = JSON.parse(localStorage.getItem("sandbox-prefs") || "{}");
  const store = { revision: 0, state: null, seenAnswers: new Set(), firstLoad: true };
  const $ = (id) => document.getElementById(id);
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  function savePrefs() {
    localStorage.setItem("sandbox-prefs", JSON.stringify(prefs));
  }

  async function api(method, path, body) {
    const options = { method, headers: {} };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch("/control" + path, options);
    const answer = await response.json().catch(() => ({
      ok: false, description: `Réponse illisible du serveur (${response.status}).`,
    }));
    if (!answer.ok) throw new Error(answer.description);
    return answer.result;
  }

  function userName(id) {
    const user = (store.state.users || []).find((u) => u.id === id);
    return user ? user.first_name : `Utilisateur ${id}`;
  }


  const shared = { api, prefs, store, refresh: () => refreshAll() };
  const panes = {
    private: window.SandboxPane.create($("pane-private"), "private", shared),
    group: window.SandboxPane.create($("pane-group"), "group", shared),
    advisor: window.SandboxPane.create($("pane-advisor"), "advisor", shared),
  };

  function renderHeader(state) {
    $("bot-name").textContent = state.bot.first_name;
    $("bot-username").textContent = "@" + state.bot.username;
    const mode = $("mode");
    mode.textContent = state.webhook ? "Webhook" : "getUpdates";
    mode.title = state.webhook ? "Mises à jour envoyées à " + state.webhook.url
      : "Le bot relève ses mises à jour par getUpdates";
    const pending = $("pending");
    pending.hidden = !state.pending_updates;
    pending.textContent = `${state.pending_updates} mise(s) à jour en attente`;
    pending.title = "Le bot ne les a pas encore relevées : est-il lancé ?";
    const commands = $("commands");
    commands.replaceChildren();
    const seen = new Set();
    for (const entry of state.commands) {
      for (const command of entry.commands) {
        if (seen.has(command.command)) continue;
        seen.add(command.command);
        const chip = el("button", "chip", "/" + command.command);
        chip.type = "button";
        chip.title = command.description;
        chip.addEventListener("click", () => {
          panes.private.textarea.value = "/" + command.command + " ";
          panes.private.textarea.focus();
        });
        commands.append(chip);
      }
    }
  }

  function renderPeople(state) {
    const users = state.users;
    const groups = state.chats.filter((chat) => chat.type !== "private");
    if (!prefs.officialId || !users.some((u) => u.id === prefs.officialId)) {
      const advisors = new Set(groups.flatMap((g) => g.members));
      const official = users.find((u) => !advisors.has(u.id)) || users[0];
      prefs.officialId = official ? official.id : null;
    }
    if (!groups.some((g) => g.id === prefs.groupId)) prefs.groupId = groups.length ? groups[0].id : null;
    const group = groups.find((g) => g.id === prefs.groupId);
    const members = group ? group.members : [];
    if (!members.includes(prefs.advisorId)) prefs.advisorId = members[0] || null;
    savePrefs();
    if (document.activeElement !== $("official-id")) $("official-id").value = prefs.officialId || "";
    if (document.activeElement !== $("official-name")) {
      $("official-name").value = prefs.officialId ? userName(prefs.officialId) : "";
    }
    $("group-title").textContent = group ? group.title : "Aucun groupe";
    fillSelect($("group-select"), groups.map((g) => [g.id, `${g.title} (${g.id})`]), prefs.groupId);
    fillSelect($("advisor-select"), members.map((id) => [id, `${userName(id)} (${id})`]), prefs.advisorId);
  }

  function fillSelect(select, options, value) {
    select.replaceChildren(...options.map(([id, label]) => {
      const option = el("option", "", label);
      option.value = id;
      return option;
    }));
    select.value = value === null ? "" : String(value);
  }

  function renderFaults(state) {
    $("faults-count").textContent = state.faults.length || "";
    $("faults").replaceChildren(...state.faults.map((f) => el("li", "", `${f.method} → ${f.kind} `
      + `(encore ${f.remaining} appel(s)${f.kind === "429" ? `, retry_after ${f.retry_after} s` : ""}`
      + `${f.kind === "delay" ? `, ${f.delay} s` : ""})`)));
  }

  async function renderCalls() {
    const calls = await api("GET", "/calls");
    $("calls").replaceChildren(...calls.slice(-40).reverse().map((call) => {
      const time = new Date(call.date * 1000).toLocaleTimeString("fr-FR");
      const item = el("li", call.status === 200 ? "" : "failed", `${time} ${call.method} → ${call.status || "coupé"}`);
      if (call.description) item.title = call.description;
      return item;
    }));
  }

  async function chatOrNull(id) {
    if (!id) return null;
    try {
      return await api("GET", `/chats/${id}`);
    } catch (error) {
      return null;
    }
  }

  async function refreshAll() {
    const state = await api("GET", "/state");
    store.state = state;
    store.revision = state.revision;
    renderHeader(state);
    renderPeople(state);
    renderFaults(state);
    const [own, group, advisor] = await Promise.all([
      chatOrNull(prefs.officialId), chatOrNull(prefs.groupId), chatOrNull(prefs.advisorId),
    ]);
    panes.private.render(own);
    panes.group.render(group);
    panes.advisor.render(advisor);
    $("advisor-title").textContent = prefs.advisorId
      ? `— ${userName(prefs.advisorId)} (${prefs.advisorId}), conversation privée avec le bot`
      : "— choisissez qui écrit dans le groupe";
    await renderCalls();
    store.firstLoad = false;
  }

  function setConnection(online) {
    $("connection").textContent = online ? "" : "Serveur injoignable, nouvelle tentative…";
  }

  async function watch() {
    for (;;) {
      try {
        const change = await api("GET", `/changes?after=${store.revision}&timeout=25`);
        setConnection(true);
        if (change.revision !== store.revision) await refreshAll();
      } catch (error) {
        setConnection(false);
        await sleep(2000);
      }
    }
  }

  async function guarded(pane, action) {
    try {
      await action();
      await refreshAll();
    } catch (error) {
      pane.notice(error.message, "error");
    }
  }

  $("official-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = Number($("official-id").value);
    const firstName = $("official-name").value.trim();
    guarded(panes.private, async () => {
      await api("POST", "/users", { id, first_name: firstName });
      prefs.officialId = id;
      savePrefs();
    });
  });
  $("group-select").addEventListener("change", (event) => {
    prefs.groupId = Number(event.target.value);
    guarded(panes.group, async () => savePrefs());
  });
  $("advisor-select").addEventListener("change", (event) => {
    prefs.advisorId = Number(event.target.value);
    guarded(panes.advisor, async () => savePrefs());  // shows that advisor's private chat
  });
  $("advisor-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = Number($("advisor-id").value);
    const group = store.state.chats.find((chat) => chat.id === prefs.groupId);
    if (!group) return panes.group.notice("Aucun groupe sélectionné.", "error");
    guarded(panes.group, async () => {
      await api("POST", "/users", { id, first_name: $("advisor-name").value.trim() });
      await api("POST", "/groups", { id: group.id, title: group.title, members: [...group.members, id] });
      prefs.advisorId = id;
      savePrefs();
      event.target.reset();
    });
  });
  $("reset").addEventListener("click", () => {
    if (!window.confirm("Effacer toutes les conversations du bac à sable ?")) return;
    guarded(panes.private, () => api("POST", "/reset", {}));
  });
  $("fault-form").addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(panes.private, () => api("POST", "/faults", {
      method: $("fault-method").value.trim() || "*",
      kind: $("fault-kind").value,
      count: Number($("fault-count").value),
      retry_after: Number($("fault-retry").value),
      delay: Number($("fault-delay").value),
    }));
  });
  $("faults-clear").addEventListener("click", () => guarded(panes.private, () => api("DELETE", "/faults")));

  refreshAll().catch(() => setConnection(false)).finally(watch);
})();
