/**
 * The extension points: the small interfaces that the toolkit's own components and third-party plugins implement,
 * each registered by name. This package is the stable API plugins compile against.
 */
package org.hirmtl.spi;
