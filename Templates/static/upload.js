// Sends the chosen file as the request body (streamed by the server to disk), then follows the
// upload's status page, which refreshes itself until the import is done.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("upload");
  if (!form) return;
  const status = document.getElementById("upload-status");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = form.querySelector("input[type=file]").files[0];
    if (!file) return;
    status.textContent = "…";
    const response = await fetch(form.action, {
      method: "POST", body: file, credentials: "same-origin",
      headers: { "Content-Type": "application/xml", "X-CSRF-Token": form.dataset.csrf, "X-File-Name": encodeURIComponent(file.name) },
    });
    const answer = await response.json().catch(() => ({ error: response.statusText }));
    if (response.ok && answer.page) { window.location.assign(answer.page); } else { status.textContent = answer.error || response.statusText; }
  });
});
