// Search box: an enhancement. Without JavaScript the page shows a link to the
// list of all services instead. Pagefind's files load only when the resident
// starts to search, so the page itself stays light.
const LIMIT = 8;
let pagefind;

function loadPagefind() {
  pagefind ??= import("/pagefind/pagefind.js").then(async (module) => {
    await module.options({ excerptLength: 18 });
    module.init();
    return module;
  });
  return pagefind;
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

function render(box, query, results) {
  const { status, list } = box;
  list.replaceChildren();
  if (!query) {
    status.textContent = "";
    return;
  }
  status.textContent = results.length
    ? `${results.length} hasil teratas untuk “${query}”`
    : `Tidak ada hasil untuk “${query}”. Coba kata lain, atau lihat daftar semua layanan.`;
  for (const result of results) {
    const item = element("li", { class: "butir" });
    item.append(element("a", { href: result.url }, result.meta.title));
    const excerpt = element("p");
    excerpt.innerHTML = result.excerpt; // Pagefind escapes the text and adds <mark> only
    item.append(excerpt);
    list.append(item);
  }
}

function setUp(container) {
  const form = element("form", { role: "search", class: "cari-form", action: "/layanan/" });
  const label = element("label", { for: "cari-q" }, "Cari layanan atau pengumuman");
  const input = element("input", {
    id: "cari-q", type: "search", name: "q", autocomplete: "off", enterkeyhint: "search",
    placeholder: "misalnya: e-KTP, akta lahir, pindah",
  });
  const status = element("p", { class: "cari-status", role: "status" });
  const list = element("ul", { class: "daftar cari-hasil" });
  form.append(label, input);
  container.replaceChildren(form, status, list);
  const box = { status, list };
  let latest = "";

  async function search() {
    const query = input.value.trim();
    latest = query;
    if (!query) return render(box, "", []);
    try {
      const module = await loadPagefind();
      const found = await module.search(query);
      const results = await Promise.all(found.results.slice(0, LIMIT).map((r) => r.data()));
      if (query === latest) render(box, query, results);
    } catch {
      status.textContent = "Pencarian belum tersedia. Lihat daftar semua layanan.";
    }
  }

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  input.addEventListener("focus", () => loadPagefind().catch(() => {}), { once: true });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
}

document.querySelectorAll("[data-cari]").forEach(setUp);
