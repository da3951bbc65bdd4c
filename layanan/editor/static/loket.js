// The counter page without a mouse trip: print the receipt as it opens, copy a WhatsApp text in one press.
// Everything also works without it (Ctrl+P, select the text).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-cetak]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  if (document.body.dataset.cetak === "otomatis") {
    window.print();
  }
  for (const button of document.querySelectorAll("[data-salin]")) {
    const text = document.getElementById(button.dataset.salin);
    const said = button.parentElement.querySelector(".tersalin");
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(text.value);
      } catch {
        text.select();
        document.execCommand("copy");
      }
      said.textContent = "Tersalin. Tempel di percakapan WhatsApp warga.";
    });
  }
});
