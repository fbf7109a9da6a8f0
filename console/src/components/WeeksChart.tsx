import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface WeekRow { week: string; screened: number; review: number; hold: number; confirmed: number }

/** Reviewed, held and confirmed per week (chart.js); the table beside it carries the numbers for screen readers. */
export function WeeksChart({ weeks }: { weeks: WeekRow[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: weeks.map((w) => w.week),
        datasets: [
          { label: 'review', data: weeks.map((w) => w.review), backgroundColor: '#d9a400' },
          { label: 'hold', data: weeks.map((w) => w.hold), backgroundColor: '#b3261e' },
          { label: 'confirmed fraud', data: weeks.map((w) => w.confirmed), backgroundColor: '#4a1c7a' },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom' } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [weeks]);
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={`Bar chart of reviewed, held and confirmed applications over ${weeks.length} weeks; the numbers are in the table below`} />
    </div>
  );
}
