/** Example backbone plugin: a MobileNet-style backbone of depthwise-separable convolutions declaring its features. */
package org.hirmtl.plugins.mobilenet;
