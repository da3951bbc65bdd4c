// The copy button of a WhatsApp message: shown only where this runs; the text box works without it.
for (const button of document.querySelectorAll("[data-salin]")) {
  const box = document.getElementById(button.dataset.salin);
  if (!box || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(box.value);
    button.textContent = "Tersalin";
  });
}
