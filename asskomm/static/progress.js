// Polls a job's progress and reloads the page when it has finished. Without JavaScript the
// page offers a link to check the state instead.
(function () {
  var box = document.querySelector(".job-progress");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var status = box.querySelector(".job-status");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        bar.max = job.total || 3;
        bar.value = job.done || 0;
        if (job.state === "SUCCESS") {
          status.textContent = "Fertig berechnet.";
          window.location.assign(box.dataset.doneUrl);
        } else if (job.state === "FAILURE") {
          status.textContent = "Die Berechnung ist fehlgeschlagen. Bitte versuchen Sie es erneut.";
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
})();
