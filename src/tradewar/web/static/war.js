// War and talks page: optimal, Nash and negotiated tariffs and escalation paths (strategy layer).
"use strict";

document.addEventListener("DOMContentLoaded", async () => {
  const box = document.getElementById("strategy");
  let status;
  try {
    status = await TW.getJSON("/api/status");
  } catch (err) {
    TW.showError(box, err);
    return;
  }
  if (!status.strategy) {
    box.replaceChildren(
      TW.el("p", { class: "warn", id: "strategy-missing", text: status.messages.strategy }),
      TW.el("p", { class: "note", text: "Meanwhile the Scenarios page runs the tariffs of each phase of the war and the Beijing deal's purchase commitments through the model, and the Timeline page shows how the two sides escalated." }));
    return;
  }
  if (typeof WAR !== "undefined") WAR.start(box);
});
