/** nusky/report: sky maps (mollview), charts, colour maps and HTML reports. See docs/report.md. */
export { Scene, FONT_FAMILY, type Op, type Points, type StrokeStyle, type TextStyle, type MarkerOp } from './scene.js';
export { renderPng, renderCanvas, rgbaToPng } from './render-png.js';
export { renderSvg, xmlEscape } from './render-svg.js';
export { saveScene, renderScene, formatFromPath, writeFileAtomic, type ImageFormat } from './save.js';
export {
  COLORMAP_NAMES, getColormap, sampleColormap, cssColor, Normalize, applyColormap, autoRange, isBad,
  type Colormap, type ColormapName, type NormKind, type NormalizeOptions,
} from './colormap.js';
export { linearTicks, linearTickLabels, logTicks, niceStep, formatNumber, formatTicks, formatPow10, type Tick } from './ticks.js';
export { mollweideForward, mollweideInverse, mollweideAux, mollweideHalfWidth, MOLL_XMAX, MOLL_YMAX } from './projection.js';
export { mollview, mollviewScene, saveMollview, projectPixels, rasterize, type MollviewOptions } from './mollweide.js';
export { toScreen, ellipsePoints, type MollLayout } from './layout.js';
export { drawGraticule, formatLon, formatLat, type GraticuleOptions } from './graticule.js';
export { drawOverlays, type PointOverlay } from './overlay.js';
export { drawContours, marchingSquares, type ContourOptions } from './contour.js';
export { drawColorbar, drawColorbarVertical, colorbarTicks, type ColorbarOptions } from './colorbar.js';
export { drawHeatmap, type HeatmapSeries } from './heatmap.js';
export { chart, PALETTE, type ChartOptions, type Series, type LineSeries, type StepSeries, type BandSeries, type PointSeries, type MarkerLine } from './chart.js';
export { Axis, autoDomain, type AxisScale } from './axes.js';
export { drawLegend, type LegendEntry, type LegendPosition } from './legend.js';
export { HtmlReport, htmlEscape, type Cell, type HtmlReportOptions } from './html.js';
export { textWidth } from './measure.js';
