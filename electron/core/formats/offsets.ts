/** The offset rule the outlines write with: the contract's, so the renderer shows the same. */
export { formatOffset, parseOffset } from '../contract/offsets';
