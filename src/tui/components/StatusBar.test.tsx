import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { StatusBar } from './StatusBar';

describe('the status line', () => {
  it('stays on one line of the terminal however long the store name', () => {
    const name = 'Épicerie fine et cave à vins du marché couvert de la Croix-Rousse';
    const ui = render(<StatusBar store={name} terminal="T01" operator="Camille" db="ok" waiting={2} width={80} />);
    const frame = ui.lastFrame() ?? '';
    expect(frame.split('\n')).toHaveLength(1);
    expect(frame).toContain(' Épicerie fine et cave à… ');
    expect(frame).toContain('…');
    expect(frame).toMatch(/T01 · Camille · base OK · 2 ventes en attente /);
    expect(frame).toMatch(/\d\d:\d\d\s*$/);
    ui.rerender(<StatusBar store={name} terminal="T01" operator="Camille" db="ok" waiting={2} width={40} />);
    expect(ui.lastFrame()?.split('\n')).toHaveLength(1);
    ui.unmount();
  });

  it('says training mode first, on the one line, when the till is in it', () => {
    const ui = render(<StatusBar store="Épicerie du Centre" terminal="T01" operator="Camille" db="ok" waiting={0} training width={80} />);
    const frame = ui.lastFrame() ?? '';
    expect(frame.split('\n')).toHaveLength(1);
    expect(frame).toMatch(/^ MODE ÉCOLE – FACTICE {2}Épicerie du Centre · T01 · Camille · base OK/);
    ui.rerender(<StatusBar store="Épicerie du Centre" terminal="T01" operator="Camille" db="ok" waiting={0} training width={44} />);
    expect(ui.lastFrame()?.split('\n')).toHaveLength(1);
    expect(ui.lastFrame()).toContain('MODE ÉCOLE – FACTICE');
    ui.unmount();
  });
});
