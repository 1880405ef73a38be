package org.eapexplorer.ui.export;

import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import org.eapexplorer.circuit.SignPalette;

/** View → Edge colours: the sign palette of the graph, its legend and exported figures, one radio item a palette. */
public final class PaletteMenu extends Menu {

    public PaletteMenu(ObjectProperty<SignPalette> palette) {
        super("Edge colours");
        setId("paletteMenu");
        ToggleGroup group = new ToggleGroup();
        for (SignPalette p : SignPalette.values()) {
            RadioMenuItem item = new RadioMenuItem(p.label());
            item.setId("palette-" + p.cliName());
            item.setToggleGroup(group);
            item.setUserData(p);
            item.setSelected(p == palette.get());
            item.setOnAction(e -> palette.set(p));
            getItems().add(item);
        }
        palette.addListener((obs, old, p) -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == p)));
    }
}
