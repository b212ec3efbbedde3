/** Example task plugin: occlusion boundaries derived from depth, end to end (target, loss, metric, picture). */
package org.hirmtl.plugins.occlusion;
