/**
 * Trains real networks (MLPs, UFM, deep linear UFM, deep UFM) with gradient descent and weight decay,
 * on synthetic Gaussian mixtures or Fashion-MNIST, through a fast matrix-product backend.
 */
package ncverify.impl;
