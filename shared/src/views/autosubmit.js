// Submits the sign-in form at once; the button does the same where scripts are off.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("signin");
  if (form) { form.submit(); }
});
