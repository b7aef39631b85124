// Ctrl+K (⌘K on a Mac) puts the cursor in the search box from anywhere in the console.
document.addEventListener('keydown', function (e) {
  if ((e.ctrlKey || e.metaKey) && (e.key === 'k' || e.key === 'K')) {
    var box = document.getElementById('crm-search');
    if (box) {
      e.preventDefault();
      box.focus();
    }
  }
});
