/**
 * Model families: how each reads its Hugging Face {@code config.json} into a {@link org.eapexplorer.model.ModelConfig} and
 * its checkpoint's tensors into the one block layout the engine computes with ({@link org.eapexplorer.family.BlockTensors}).
 * A family is one sub-package ({@code gpt2}, {@code llama} for Llama and Qwen2, {@code neox} for GPT-NeoX/Pythia), found
 * through {@link org.eapexplorer.family.ModelFamilies}. Each family's folder holds its table of config keys ({@link
 * org.eapexplorer.family.ConfigKeys}: read, harmless, or refused by name), so that no key that changes the computation
 * is defaulted in silence; the rotary keys of every form transformers has written are read by
 * {@link org.eapexplorer.family.RopeParameters}. Plain Java: no DJL, no JavaFX; the engine supplies the tensor
 * source and takes the block tensors.
 */
package org.eapexplorer.family;
