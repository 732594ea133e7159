/*
 * The Restore page: after a partition or folder opens, the listing (and the link that had the
 * focus) is redrawn; the focus goes to the folder path, so a keyboard user goes on with Tab into
 * the new listing instead of from the top of the page.
 */
window.sdFocusCrumbs = function () {
  "use strict";
  var crumbs = document.getElementById("crumbs");
  if (crumbs) {
    crumbs.focus();
  }
};
