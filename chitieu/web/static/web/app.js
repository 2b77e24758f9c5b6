/* chitieu front-end glue. No inline scripts: pages hand data over with json_script and this
   file draws the charts, also after HTMX swaps. ECharts and HTMX are served locally. */
(function () {
  "use strict";

  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  // Numbers the Vietnamese way: 89.490,478.
  function vn(x) {
    return typeof x === "number" ? x.toLocaleString("vi-VN", { maximumFractionDigits: 3 }) : x;
  }

  function drawRanking(el) {
    var data = readJSON(el.dataset.source);
    if (!data || !window.echarts) return;
    // One readable bar per unit: the chart grows with the number of communes.
    el.style.height = Math.max(340, data.labels.length * 18 + 60) + "px";
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", valueFormatter: vn },
      grid: { left: 150, right: 30, top: 30, bottom: 30 },
      xAxis: { type: "value", name: data.unit },
      yAxis: { type: "category", data: data.labels, inverse: true },
      series: [{
        type: "bar",
        data: data.values.map(function (v, i) {
          return { value: v, itemStyle: { color: data.above[i] ? "#16a34a" : "#f59e0b" } };
        }),
        markLine: { symbol: "none", data: [{ xAxis: data.average, name: "Bình quân thành phố" }],
                    label: { formatter: function (p) { return "Bình quân: " + vn(p.value); } }, lineStyle: { color: "#b91c1c" } }
      }]
    });
  }

  function drawSeries(el) {
    var data = readJSON(el.dataset.source);
    if (!data || !window.echarts) return;
    var chart = echarts.init(el);
    // A summed indicator by month or quarter: the period figures as bars, the year-to-date
    // line against the yearly target; otherwise one line per stage against the target.
    var cumulative = data.cumulative;
    var series = data.stages.map(function (s) {
      return cumulative
        ? { name: s.label, type: "bar", itemStyle: { color: s.colour, opacity: 0.6 }, data: s.values }
        : { name: s.label, type: "line", connectNulls: true, symbolSize: 8, itemStyle: { color: s.colour }, data: s.values };
    });
    if (cumulative) {
      // One line per year under one legend entry: the sum restarts each January.
      cumulative.segments.forEach(function (values) {
        series.push({ name: cumulative.label, type: "line", symbolSize: 8, itemStyle: { color: "#0f766e" },
                      lineStyle: { width: 3 }, data: values });
      });
    }
    if (data.target !== null) {
      series.push({ name: "Chỉ tiêu", type: "line", data: data.target_values,
                    lineStyle: { type: "dashed", color: "#b91c1c" }, itemStyle: { color: "#b91c1c" }, symbol: "none" });
    }
    // The pace the rest of the target's period needs: a point when it is a rate on this axis
    // (the growth the remaining months need), and always in words under the chart.
    var required = data.required || null;
    if (required && required.on_axis && data.forecast_at !== null) {
      series.push({ name: "Cần đạt", type: "scatter", symbol: "triangle", symbolSize: 14,
                    itemStyle: { color: "#ea580c" }, data: [[data.forecast_at, required.value]] });
    }
    if (data.forecast !== null && data.forecast_at !== null) {
      series.push({ name: "Dự báo", type: "scatter", symbol: "diamond", symbolSize: 14,
                    itemStyle: { color: "#7c3aed" }, data: [[data.forecast_at, data.forecast]] });
    }
    chart.setOption({
      tooltip: { trigger: "axis", valueFormatter: vn },
      legend: { top: 0 },
      title: required ? { text: "Cần đạt: " + required.words, bottom: 0, left: "center",
                          textStyle: { fontSize: 12, fontWeight: "normal", color: "#9a3412" } } : undefined,
      grid: { left: 60, right: 30, top: 40, bottom: required ? 60 : 40 },
      xAxis: { type: "category", data: data.periods },
      yAxis: { type: "value", name: data.unit, scale: !cumulative },
      series: series
    });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.drawn) return;
      el.dataset.drawn = "1";
      if (el.dataset.chart === "ranking") drawRanking(el);
      if (el.dataset.chart === "series") drawSeries(el);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  // <select data-autosubmit> submits its form on change (filters without a button).
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("[data-autosubmit]") && e.target.form) e.target.form.requestSubmit();
  });
  document.addEventListener("htmx:afterSwap", function (e) { drawAll(e.target); });

  // A request htmx could not swap (a server error, a proxy's page, a lost connection) is
  // shown in the page's alert slot: a refusal nobody sees is a lost figure.
  function showAlert(title, message) {
    var slot = document.getElementById("htmx-error");
    if (!slot) return;
    slot.textContent = "";
    var box = document.createElement("div");
    box.className = "alert error";
    box.setAttribute("role", "alert");
    var close = document.createElement("button");
    close.type = "button"; close.className = "alert-close"; close.setAttribute("data-dismiss", "");
    close.setAttribute("aria-label", "Đóng thông báo"); close.textContent = "×";
    var p = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = title + ". ";
    p.appendChild(strong);
    p.appendChild(document.createTextNode(message));
    box.appendChild(close); box.appendChild(p);
    slot.appendChild(box);
  }
  function serverMessage(xhr) {
    // Our own error pages carry the Vietnamese message in [data-message]; take it if present.
    try {
      var doc = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
      var el = doc.querySelector("[data-message]");
      if (el && el.textContent.trim()) return el.textContent.trim();
    } catch (err) { /* not HTML */ }
    return "";
  }
  document.addEventListener("htmx:responseError", function (e) {
    var xhr = e.detail.xhr;
    showAlert("Chưa ghi được (mã " + xhr.status + ")",
      serverMessage(xhr) || "Máy chủ không xử lý được yêu cầu; thay đổi vừa rồi chưa được lưu. Xin thử lại.");
  });
  document.addEventListener("htmx:sendError", function () {
    showAlert("Mất kết nối", "Không gửi được tới máy chủ; thay đổi vừa rồi chưa được lưu. Kiểm tra mạng rồi thử lại.");
  });
  document.addEventListener("htmx:beforeRequest", function () {
    var slot = document.getElementById("htmx-error");
    if (slot) slot.textContent = "";
  });
  document.addEventListener("click", function (e) {
    if (e.target.matches && e.target.matches("[data-dismiss]")) {
      var box = e.target.closest(".alert");
      if (box) box.remove();
    }
  });
})();
